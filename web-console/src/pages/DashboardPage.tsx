import { memo, useDeferredValue, useMemo, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { instancesApi, type Instance } from '../api/instances';
import { clusterApi, hostNames } from '../api/cluster';
import { keys } from '../api/keys';
import { canAct } from '../api/auth';
import { useRole } from '../auth/AuthContext';
import { useCapabilities } from '../auth/capabilities';
import { filterInstances, sortInstances, type SortKey } from '../lib/filter';
import { formatMiB, relativeTime } from '../lib/format';
import { InstanceStatus } from '../components/StatusBadge';
import { LiveUsage } from '../components/LiveUsage';
import { InstanceActions } from '../components/InstanceActions';
import { QuotaGauges } from '../components/QuotaGauges';
import { ErrorBanner, Loading } from '../components/ErrorBanner';

const STATUSES = ['Running', 'Stopped', 'Frozen', 'Error'];

const COLUMNS: Array<{ key: SortKey | null; label: string; className: string }> = [
  { key: 'name', label: 'Name', className: 'col-name' },
  { key: 'status', label: 'Status', className: 'col-status' },
  { key: 'image', label: 'Image', className: 'col-image' },
  { key: 'cpu', label: 'CPU', className: 'col-cpu' },
  { key: 'memory', label: 'Memory', className: 'col-mem' },
  { key: 'host', label: 'Host', className: 'col-host' },
  { key: 'node', label: 'Node', className: 'col-node' },
  { key: null, label: 'Forwards', className: 'col-fwd' },
  { key: null, label: 'Actions', className: 'col-actions' },
];

export function DashboardPage() {
  const caps = useCapabilities();
  const role = useRole();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const host = params.get('host') ?? '';
  const sort = (params.get('sort') as SortKey) || 'name';
  const descending = params.get('dir') === 'desc';
  const deferredQuery = useDeferredValue(query);

  const instances = useQuery({ queryKey: keys.instances, queryFn: ({ signal }) => instancesApi.list(signal) });
  // Only for the host filter's choices; a server without the cluster route still lists the instances' hosts.
  const cluster = useQuery({ queryKey: keys.cluster, queryFn: ({ signal }) => clusterApi.get(signal) });
  const hosts = useMemo(
    () => hostNames(cluster.data, [...(instances.data ?? []).map((i) => i.host), host]),
    [cluster.data, instances.data, host],
  );

  // Filtered here on the loaded list rather than with ?host= on the API: instant, and the socket keeps it current.
  const visible = useMemo(
    () => sortInstances(filterInstances(instances.data ?? [], { query: deferredQuery, status, host }), sort, descending),
    [instances.data, deferredQuery, status, host, sort, descending],
  );
  const counts = useMemo(() => {
    const all = instances.data ?? [];
    return { total: all.length, running: all.filter((i) => i.status === 'Running').length };
  }, [instances.data]);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const toggleSort = (key: SortKey) => {
    const next = new URLSearchParams(params);
    if (sort === key) next.set('dir', descending ? 'asc' : 'desc');
    else {
      next.set('sort', key);
      next.delete('dir');
    }
    setParams(next, { replace: true });
  };

  return (
    <section className="page page-dashboard" aria-labelledby="dash-title">
      <header className="page-header">
        <div>
          <h1 id="dash-title">Instances</h1>
          <p className="muted" data-testid="instance-counts">
            {counts.total} instance{counts.total === 1 ? '' : 's'} · {counts.running} running
          </p>
        </div>
        {canAct(role) && caps.has('instances') && (
          <Link to="/instances/new" className="btn btn-primary">
            + Create instance
          </Link>
        )}
      </header>

      {caps.has('quota') && <QuotaGauges />}

      <div className="toolbar" role="search">
        <label className="sr-only" htmlFor="instance-search">
          Search instances
        </label>
        <input
          id="instance-search"
          type="search"
          placeholder="Search by name, image, host, node…"
          value={query}
          onChange={(e) => setParam('q', e.target.value)}
        />
        <label className="sr-only" htmlFor="status-filter">
          Status
        </label>
        <select id="status-filter" value={status} onChange={(e) => setParam('status', e.target.value)}>
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="host-filter">
          Host
        </label>
        <select id="host-filter" value={host} onChange={(e) => setParam('host', e.target.value)} data-testid="host-filter">
          <option value="">All hosts</option>
          {hosts.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
        <span className="muted toolbar-count" aria-live="polite">
          {visible.length === counts.total ? `${counts.total} shown` : `${visible.length} of ${counts.total} shown`}
        </span>
      </div>

      {instances.isError && <ErrorBanner what="Instances" error={instances.error} onRetry={() => instances.refetch()} />}
      {instances.isPending && <Loading what="instances" />}
      {instances.data && (
        <InstanceTable
          instances={visible}
          sort={sort}
          descending={descending}
          onSort={toggleSort}
          showActions={canAct(role)}
          showUsage={caps.has('telemetry') || caps.has('instances')}
          emptyText={counts.total === 0 ? 'No instances yet.' : 'No instance matches the filters.'}
        />
      )}
    </section>
  );
}

interface TableProps {
  instances: Instance[];
  sort: SortKey;
  descending: boolean;
  onSort: (key: SortKey) => void;
  showActions: boolean;
  showUsage: boolean;
  emptyText: string;
}

/** Only the rows in view are in the DOM, so 500 instances with 1 Hz sparklines stay smooth. */
function InstanceTable({ instances, sort, descending, onSort, showActions, showUsage, emptyText }: TableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: instances.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 56,
    overscan: 8,
    getItemKey: (index) => instances[index].name,
  });

  return (
    <div className="table instance-table" role="table" aria-label="Instances" aria-rowcount={instances.length + 1} data-testid="instance-table">
      <div className="thead" role="rowgroup">
        <div className="tr" role="row" aria-rowindex={1}>
          {COLUMNS.filter((c) => c.key !== null || c.label !== 'Actions' || showActions).map((c) => (
            <div
              key={c.label}
              role="columnheader"
              className={`th ${c.className}`}
              aria-sort={c.key && sort === c.key ? (descending ? 'descending' : 'ascending') : undefined}
            >
              {c.key ? (
                <button type="button" className="th-sort" onClick={() => onSort(c.key!)}>
                  {c.label}
                  <span aria-hidden="true">{sort === c.key ? (descending ? ' ▾' : ' ▴') : ''}</span>
                </button>
              ) : (
                c.label
              )}
            </div>
          ))}
        </div>
      </div>
      <div className="tbody-scroll" ref={scroller} role="rowgroup">
        {instances.length === 0 ? (
          <div className="empty" role="row">
            <div role="cell">{emptyText}</div>
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="virtual-row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <InstanceRow instance={instances[item.index]} index={item.index} showActions={showActions} showUsage={showUsage} />
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

const InstanceRow = memo(function InstanceRow({
  instance,
  index,
  showActions,
  showUsage,
}: {
  instance: Instance;
  index: number;
  showActions: boolean;
  showUsage: boolean;
}) {
  const forwards = instance.forwards ?? [];
  return (
    <div className="tr" role="row" aria-rowindex={index + 2} data-testid="instance-row" data-name={instance.name} data-status={instance.status}>
      <div role="cell" className="td col-name">
        <Link to={`/instances/${encodeURIComponent(instance.name)}`} className="instance-link">
          {instance.name}
        </Link>
        <span className="muted small">{relativeTime(instance.createdAt)}</span>
      </div>
      <div role="cell" className="td col-status">
        <InstanceStatus name={instance.name} status={instance.status} />
      </div>
      <div role="cell" className="td col-image" title={instance.image}>
        <span className="cell-label" aria-hidden="true">Image </span>
        {instance.image}
      </div>
      <div role="cell" className="td col-cpu">
        <span className="cell-label" aria-hidden="true">CPU </span>
        <span className="muted small">{instance.cpu}c</span>
        {showUsage && <LiveUsage instance={instance} kind="cpu" />}
      </div>
      <div role="cell" className="td col-mem">
        <span className="cell-label" aria-hidden="true">Memory </span>
        <span className="muted small">{formatMiB(instance.memoryMiB)}</span>
        {showUsage && <LiveUsage instance={instance} kind="memory" />}
      </div>
      <div role="cell" className="td col-host">
        <span className="cell-label" aria-hidden="true">Host </span>
        {instance.host ?? '—'}
      </div>
      <div role="cell" className="td col-node">
        <span className="cell-label" aria-hidden="true">Node </span>
        {instance.node ?? '—'}
      </div>
      <div role="cell" className="td col-fwd">
        {forwards.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <span title={forwards.map((f) => `${f.hostPort}→${f.containerPort}/${f.protocol}`).join(', ')}>
            {forwards
              .slice(0, 2)
              .map((f) => `${f.hostPort}→${f.containerPort}`)
              .join(', ')}
            {forwards.length > 2 && ` +${forwards.length - 2}`}
          </span>
        )}
      </div>
      {showActions && (
        <div role="cell" className="td col-actions">
          <InstanceActions instance={instance} compact />
        </div>
      )}
    </div>
  );
});
