const TONES: Record<string, string> = {
  Running: 'ok',
  Stopped: 'muted',
  Frozen: 'info',
  Error: 'err',
  COMPLETED: 'ok',
  FAILED: 'err',
  IN_PROGRESS: 'info',
  PENDING: 'muted',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${TONES[status] ?? 'warn'}`} data-status={status}>
      <span className="badge-dot" aria-hidden="true" />
      {status}
    </span>
  );
}
