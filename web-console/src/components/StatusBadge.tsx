import { useActiveJobs } from '../live/LiveContext';

const TONES: Record<string, string> = {
  Running: 'ok',
  Stopped: 'muted',
  Frozen: 'info',
  Error: 'err',
  COMPLETED: 'ok',
  FAILED: 'err',
  IN_PROGRESS: 'info',
  PENDING: 'muted',
  // Cluster nodes and LXD hosts (/api/v1/cluster).
  up: 'ok',
  down: 'err',
  online: 'ok',
  offline: 'err',
  unowned: 'warn',
  // Backups (/api/v1/backups).
  good: 'ok',
  failed: 'err',
  pending: 'info',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${TONES[status] ?? 'warn'}`} data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {status}
    </span>
  );
}

/** The instance's status, with the jobs under way on it (e.g. "stop…") while they run. */
export function InstanceStatus({ name, status }: { name: string; status: string }) {
  const running = useActiveJobs(name);
  return (
    <span className="instance-status">
      <StatusBadge status={status} />
      {running.length > 0 && (
        <span className="busy" role="status" data-testid="busy">
          <span className="spinner" aria-hidden="true" />
          {running[running.length - 1]}…
        </span>
      )}
    </span>
  );
}
