import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { instancesApi } from '../api/instances';
import { keys } from '../api/keys';
import { canAct as roleCanAct } from '../api/auth';
import { ProblemError } from '../api/client';
import { useRole } from '../auth/AuthContext';
import { useCapabilities } from '../auth/capabilities';
import { formatMiB, formatTime } from '../lib/format';
import { InstanceStatus } from '../components/StatusBadge';
import { LiveUsage } from '../components/LiveUsage';
import { StatsPanel } from '../components/StatsPanel';
import { InstanceActions } from '../components/InstanceActions';
import { ErrorBanner, Loading } from '../components/ErrorBanner';
import { SnapshotsDrawer } from './instance/SnapshotsDrawer';
import { ForwardsDrawer } from './instance/ForwardsDrawer';
import { FilesDrawer } from './instance/FilesDrawer';
import { ResizeDialog } from './instance/ResizeDialog';
import { FirewallPanel } from './instance/FirewallPanel';
import { BackupsPanel } from './instance/BackupsPanel';

const Terminal = lazy(() => import('../terminal/Terminal'));

type Drawer = 'snapshots' | 'forwards' | 'files';

export default function InstancePage() {
  const { name = '', tab = 'overview' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const caps = useCapabilities();
  const canAct = roleCanAct(useRole());
  const [resizing, setResizing] = useState(false);
  const drawer = params.get('drawer') as Drawer | null;

  const instance = useQuery({ queryKey: keys.instance(name), queryFn: ({ signal }) => instancesApi.get(name, signal) });

  const openDrawer = (d: Drawer | null) => {
    const next = new URLSearchParams(params);
    if (d) next.set('drawer', d);
    else next.delete('drawer');
    setParams(next);
  };

  if (instance.isPending) return <Loading what={name} />;
  if (instance.isError) {
    const gone = instance.error instanceof ProblemError && instance.error.status === 404;
    return (
      <section className="page">
        <h1>{name}</h1>
        {gone ? (
          <p>
            There is no instance named {name}. <Link to="/">Back to the instances</Link>
          </p>
        ) : (
          <ErrorBanner what={name} error={instance.error} onRetry={() => instance.refetch()} />
        )}
      </section>
    );
  }

  const i = instance.data;
  const running = i.status === 'Running';
  const tabs = [
    { id: 'overview', label: 'Overview', show: true },
    { id: 'terminal', label: 'Terminal', show: caps.has('instances') },
    { id: 'firewall', label: 'Firewall', show: caps.has('firewall') },
    { id: 'backups', label: 'Backups', show: caps.has('backup') },
  ].filter((t) => t.show);

  return (
    <section className="page" aria-labelledby="instance-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Instances</Link> <span aria-hidden="true">/</span> <span aria-current="page">{i.name}</span>
      </nav>
      <header className="page-header instance-header">
        <div className="instance-title">
          <h1 id="instance-title">{i.name}</h1>
          <InstanceStatus name={i.name} status={i.status} />
        </div>
        <div className="header-actions">
          {canAct && <InstanceActions instance={i} afterDelete="/" />}
          {canAct && (
            <button type="button" className="btn" onClick={() => setResizing(true)}>
              Resize
            </button>
          )}
        </div>
      </header>

      <div className="drawer-buttons" role="group" aria-label="Panels">
        {caps.has('snapshot') && (
          <button type="button" className="btn" onClick={() => openDrawer('snapshots')}>
            Snapshots{i.snapshots ? ` (${i.snapshots.length})` : ''}
          </button>
        )}
        {caps.has('network') && (
          <button type="button" className="btn" onClick={() => openDrawer('forwards')}>
            Port forwards{i.forwards ? ` (${i.forwards.length})` : ''}
          </button>
        )}
        {caps.has('files') && (
          <button type="button" className="btn" onClick={() => openDrawer('files')}>
            Files
          </button>
        )}
      </div>

      <div className="tabs" role="tablist" aria-label="Instance views">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className={`tab${tab === t.id ? ' tab-active' : ''}`}
            onClick={() => navigate(`/instances/${encodeURIComponent(i.name)}${t.id === 'overview' ? '' : `/${t.id}`}`)}
          >
            {t.label}
          </button>
        ))}
      </div>

      {tab === 'overview' && (
        <div role="tabpanel" id="panel-overview" aria-labelledby="tab-overview" className="overview">
          <div className="overview-grid">
            <div className="card stat">
              <h2 className="stat-label">CPU</h2>
              <div className="stat-main">{i.cpu} core{i.cpu === 1 ? '' : 's'}</div>
              <LiveUsage instance={i} kind="cpu" width={220} height={48} />
            </div>
            <div className="card stat">
              <h2 className="stat-label">Memory</h2>
              <div className="stat-main">{formatMiB(i.memoryMiB)}</div>
              <LiveUsage instance={i} kind="memory" width={220} height={48} />
            </div>
            <div className="card">
              <h2 className="stat-label">Details</h2>
              <dl className="kv">
                <dt>Image</dt>
                <dd>{i.image}</dd>
                <dt>Host</dt>
                <dd>{i.host ?? '—'}</dd>
                <dt>Node</dt>
                <dd>{i.node ?? '—'}</dd>
                <dt>Disk</dt>
                <dd>{i.diskGiB ? `${i.diskGiB} GiB` : 'pool default'}</dd>
                <dt>Created</dt>
                <dd>{formatTime(i.createdAt)}</dd>
              </dl>
            </div>
          </div>
          <StatsPanel subject={{ kind: 'instance', name: i.name }} />
          {i.config && Object.keys(i.config).length > 0 && (
            <details className="card config">
              <summary>LXD configuration ({Object.keys(i.config).length} keys)</summary>
              <dl className="kv mono">
                {Object.entries(i.config).map(([k, v]) => (
                  <div key={k} className="kv-row">
                    <dt>{k}</dt>
                    <dd>{String(v)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
        </div>
      )}

      {tab === 'terminal' && (
        <div role="tabpanel" id="panel-terminal" aria-labelledby="tab-terminal">
          {running ? (
            <Suspense fallback={<Loading what="terminal" />}>
              <Terminal instance={i.name} />
            </Suspense>
          ) : (
            <p className="muted">The terminal needs a running instance. {i.name} is {i.status.toLowerCase()}.</p>
          )}
        </div>
      )}

      {tab === 'firewall' && caps.has('firewall') && (
        <div role="tabpanel" id="panel-firewall" aria-labelledby="tab-firewall">
          <FirewallPanel instance={i.name} canAct={canAct} />
        </div>
      )}

      {tab === 'backups' && caps.has('backup') && (
        <div role="tabpanel" id="panel-backups" aria-labelledby="tab-backups">
          <BackupsPanel instance={i.name} canAct={canAct} />
        </div>
      )}

      {caps.has('snapshot') && <SnapshotsDrawer instance={i.name} running={running} canAct={canAct} open={drawer === 'snapshots'} onClose={() => openDrawer(null)} />}
      {caps.has('network') && <ForwardsDrawer instance={i.name} canAct={canAct} open={drawer === 'forwards'} onClose={() => openDrawer(null)} />}
      {caps.has('files') && <FilesDrawer instance={i.name} canAct={canAct} open={drawer === 'files'} onClose={() => openDrawer(null)} />}
      {resizing && <ResizeDialog instance={i} open={resizing} onClose={() => setResizing(false)} />}
    </section>
  );
}
