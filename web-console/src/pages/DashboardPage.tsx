import { useDeferredValue, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { instancesApi } from '../api/instances';
import { clusterApi, hostNames } from '../api/cluster';
import { keys } from '../api/keys';
import { canAct, isAdmin } from '../api/auth';
import { useRole } from '../auth/AuthContext';
import { useCapabilities } from '../auth/capabilities';
import { filterInstances, sortInstances, type SortKey } from '../lib/filter';
import { inShownOrder } from '../lib/selection';
import { QuotaGauges } from '../components/QuotaGauges';
import { TenantQuotaCard } from '../components/TenantQuotaCard';
import { ErrorBanner, Loading } from '../components/ErrorBanner';
import { BulkActionBar } from '../components/BulkActionBar';
import { useBulkRuns } from '../live/BulkRunsContext';
import { InstanceTable } from './dashboard/InstanceTable';
import { useInstanceSelection } from './dashboard/useInstanceSelection';

const STATUSES = ['Running', 'Stopped', 'Frozen', 'Error'];

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
  const shownNames = useMemo(() => visible.map((i) => i.name), [visible]);
  const mayAct = canAct(role);
  // Kept by name across refetches and re-sorts; only for those who may act on what they select.
  const select = useInstanceSelection(instances.data, shownNames);
  const bulk = useBulkRuns();
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
        {mayAct && caps.has('instances') && (
          <Link to="/instances/new" className="btn btn-primary">
            + Create instance
          </Link>
        )}
      </header>

      {caps.has('quota') && <QuotaGauges />}
      {caps.has('auth') && <TenantQuotaCard admin={isAdmin(role)} instances={instances.data ?? []} />}

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

      {mayAct && (
        <BulkActionBar
          count={select.selection.size}
          hidden={select.hidden}
          onAction={(action, options) => bulk.start(action, inShownOrder(select.selection, shownNames), options)}
          onClear={select.clear}
        />
      )}

      {instances.isError && <ErrorBanner what="Instances" error={instances.error} onRetry={() => instances.refetch()} />}
      {instances.isPending && <Loading what="instances" />}
      {instances.data && (
        <InstanceTable
          instances={visible}
          sort={sort}
          descending={descending}
          onSort={toggleSort}
          showActions={mayAct}
          showUsage={caps.has('telemetry') || caps.has('instances')}
          emptyText={counts.total === 0 ? 'No instances yet.' : 'No instance matches the filters.'}
          select={mayAct ? select : undefined}
        />
      )}
    </section>
  );
}
