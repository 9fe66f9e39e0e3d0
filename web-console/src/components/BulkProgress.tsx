import { useId, useState, useSyncExternalStore } from 'react';
import type { BulkAction, BulkRun, BulkRunView } from '../live/bulkRun';

const DOING: Record<BulkAction, string> = { start: 'Starting', stop: 'Stopping', restart: 'Restarting', delete: 'Deleting' };
const DONE: Record<BulkAction, string> = { start: 'Started', stop: 'Stopped', restart: 'Restarted', delete: 'Deleted' };
/** A thousand failures would make a list nobody reads: the first ones say what went wrong. */
const FAILURES_LISTED = 100;

const instances = (n: number) => `${n} instance${n === 1 ? '' : 's'}`;

export function runTitle(view: BulkRunView): string {
  if (!view.done) return `${DOING[view.action]} ${instances(view.total)}`;
  if (view.failed === 0) return `${DONE[view.action]} ${instances(view.total)}`;
  return `${DONE[view.action]} ${view.completed} of ${instances(view.total)} · ${view.failed} failed`;
}

/** The progress of every bulk run under way or not yet dismissed, one panel each, over whatever page is open. */
export function BulkProgress({ runs, onDismiss }: { runs: BulkRun[]; onDismiss: (run: BulkRun) => void }) {
  if (runs.length === 0) return null;
  return (
    <div className="bulk-runs">
      {runs.map((run) => (
        <BulkRunPanel key={run.id} run={run} onDismiss={() => onDismiss(run)} />
      ))}
    </div>
  );
}

function BulkRunPanel({ run, onDismiss }: { run: BulkRun; onDismiss: () => void }) {
  const view = useSyncExternalStore(run.subscribe, run.view);
  const [collapsed, setCollapsed] = useState(false);
  const titleId = useId();
  const detailsId = useId();
  const title = runTitle(view);
  const finished = view.completed + view.failed;
  const seconds = view.finishedAt === null ? null : Math.max(1, Math.round((view.finishedAt - view.startedAt) / 1000));

  return (
    <section className="bulk-run" aria-labelledby={titleId} data-testid="bulk-progress" data-action={view.action} data-done={view.done}>
      <header className="bulk-run-header">
        <h2 id={titleId}>
          {!view.done && <span className="spinner" aria-hidden="true" />}
          {title}
        </h2>
        <button
          type="button"
          className="icon-btn"
          aria-expanded={!collapsed}
          aria-controls={detailsId}
          aria-label={collapsed ? 'Show details' : 'Hide details'}
          onClick={() => setCollapsed((c) => !c)}
        >
          {collapsed ? '▴' : '▾'}
        </button>
        {/* Only once every job has ended: dismissing stops following the run. */}
        {view.done && (
          <button type="button" className="icon-btn" aria-label={`Dismiss: ${title}`} onClick={onDismiss} data-testid="bulk-dismiss">
            ×
          </button>
        )}
      </header>
      <div
        className="gauge-track"
        role="progressbar"
        aria-label={`${title}: progress`}
        aria-valuemin={0}
        aria-valuemax={view.total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${view.total} finished`}
      >
        <div className={`gauge-fill ${view.failed ? 'gauge-warn' : 'gauge-ok'}`} style={{ width: `${view.total ? (finished / view.total) * 100 : 100}%` }} />
      </div>
      <div id={detailsId} hidden={collapsed}>
        <dl className="bulk-counts">
          <Count label="Total" value={view.total} name="total" />
          <Count label="Queued" value={view.queued} name="queued" />
          <Count label="Running" value={view.running} name="running" />
          <Count label="Completed" value={view.completed} name="completed" />
          <Count label="Failed" value={view.failed} name="failed" />
        </dl>
        {view.sent < view.total && (
          <p className="muted small">
            Sending: {view.sent} of {view.total} requests answered
          </p>
        )}
        {seconds !== null && <p className="muted small">Finished in {seconds} s.</p>}
        {view.failures.length > 0 && <FailureList failures={view.failures} />}
      </div>
      {/* Announced once, at the end, rather than at every count. */}
      <p className="sr-only" role="status">
        {view.done ? `${title}.` : ''}
      </p>
    </section>
  );
}

function Count({ label, value, name }: { label: string; value: number; name: string }) {
  return (
    <div className={`bulk-count bulk-count-${name}`}>
      <dt>{label}</dt>
      <dd data-testid={`bulk-${name}`}>{value}</dd>
    </div>
  );
}

function FailureList({ failures }: { failures: BulkRunView['failures'] }) {
  const more = failures.length - FAILURES_LISTED;
  return (
    <ul className="bulk-failures" aria-label="Failures" data-testid="bulk-failures">
      {failures.slice(0, FAILURES_LISTED).map((f) => (
        <li key={f.name} data-name={f.name}>
          <strong>{f.name}</strong>: {f.error}
        </li>
      ))}
      {more > 0 && <li className="muted">…and {more} more (see Activity).</li>}
    </ul>
  );
}
