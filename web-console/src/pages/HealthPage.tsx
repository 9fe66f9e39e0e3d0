import { useQuery } from '@tanstack/react-query';
import { healthApi, type Health } from '../api/health';
import { describeError } from '../api/client';
import { ALL_CAPABILITIES } from '../api/capabilities';
import { useCapabilities } from '../auth/capabilities';

export function memberNames(members: Health['cluster']['members']): string[] {
  if (typeof members === 'number') return [`${members} member${members === 1 ? '' : 's'}`];
  if (!Array.isArray(members)) return [];
  return members.map((m) =>
    typeof m === 'string' ? m : String(m.name ?? m.address ?? JSON.stringify(m)),
  );
}

export function HealthPage() {
  const health = useQuery({ queryKey: ['health'], queryFn: ({ signal }) => healthApi.get(signal) });

  return (
    <section aria-labelledby="health-title" className="page">
      <header className="page-header">
        <h1 id="health-title">System health</h1>
        <button type="button" className="btn" onClick={() => health.refetch()} disabled={health.isFetching}>
          {health.isFetching ? 'Checking…' : 'Check again'}
        </button>
      </header>
      {health.isPending && <p role="status">Loading health…</p>}
      {health.isError && (
        <p role="alert" className="error-banner">
          Health check failed: {describeError(health.error)}
        </p>
      )}
      {health.data && <HealthDetails health={health.data} />}
      <Capabilities />
    </section>
  );
}

function HealthDetails({ health }: { health: Health }) {
  const members = memberNames(health.cluster?.members ?? []);
  return (
    <dl className="health-grid" data-testid="health">
      <div className="card">
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-${health.status === 'ok' ? 'ok' : 'warn'}`}>{health.status}</span>
        </dd>
      </div>
      <div className="card">
        <dt>Version</dt>
        <dd>{health.version}</dd>
      </div>
      <div className="card">
        <dt>Node</dt>
        <dd>{health.node}</dd>
      </div>
      <div className="card">
        <dt>LXD</dt>
        <dd>
          <span className={`badge badge-${health.lxd?.reachable ? 'ok' : 'err'}`}>
            {health.lxd?.reachable ? 'reachable' : 'unreachable'}
          </span>
          {health.lxd?.serverVersion && <span className="muted"> version {health.lxd.serverVersion}</span>}
        </dd>
      </div>
      {health.checks && health.checks.length > 0 && (
        <div className="card card-wide">
          <dt>Readiness checks</dt>
          <dd>
            <ul className="plain-list" data-testid="health-checks">
              {health.checks.map((c) => (
                <li key={c.name}>
                  <span className={`badge badge-${c.status === 'ok' ? 'ok' : 'err'}`}>{c.status}</span> {c.name}
                  {c.detail && <span className="muted"> {c.detail}</span>}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
      <div className="card card-wide">
        <dt>Cluster members ({members.length})</dt>
        <dd>
          <ul className="plain-list">
            {members.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </dd>
      </div>
    </dl>
  );
}

function Capabilities() {
  const caps = useCapabilities();
  if (!caps.ready) return null;
  return (
    <section className="card" aria-labelledby="caps-title">
      <h2 id="caps-title">Installed features</h2>
      <ul className="caps" data-testid="capabilities">
        {ALL_CAPABILITIES.map((c) => (
          <li key={c} className={caps.has(c) ? 'cap-on' : 'cap-off'}>
            <span aria-hidden="true">{caps.has(c) ? '●' : '○'}</span> {c}
            <span className="sr-only">{caps.has(c) ? ' installed' : ' not installed'}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
