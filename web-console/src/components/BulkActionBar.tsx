import { useState } from 'react';
import type { BulkAction } from '../live/bulkRun';
import type { BulkOptions } from '../live/BulkRunsContext';
import { ConfirmDialog } from './Dialog';

interface Props {
  /** Instances selected, the filtered-out ones included. */
  count: number;
  /** Of those, how many the filter hides: the actions act on them too, so the bar says so. */
  hidden: number;
  onAction: (action: BulkAction, options: BulkOptions) => void;
  onClear: () => void;
}

const VERBS: Record<BulkAction, string> = { start: 'Start', stop: 'Stop', restart: 'Restart', delete: 'Delete' };

const instances = (n: number) => `${n} instance${n === 1 ? '' : 's'}`;

/**
 * What can be done to the selected instances, shown while there is a selection (a hint holds its place
 * before, so the table below does not move when the first box is ticked). Start runs at once; stop,
 * restart and delete interrupt or destroy work, so each asks first, naming how many instances it hits.
 */
export function BulkActionBar({ count, hidden, onAction, onClear }: Props) {
  const [pending, setPending] = useState<BulkAction | null>(null);
  const [force, setForce] = useState(false);
  if (count === 0) {
    return (
      <p className="bulk-slot bulk-hint muted" data-testid="bulk-hint">
        Tick instances to act on several at once; Shift-click ticks a range, the header box every instance shown.
      </p>
    );
  }
  const what = instances(count);

  const close = () => {
    setPending(null);
    setForce(false);
  };
  const confirm = () => {
    if (pending) onAction(pending, pending === 'stop' ? { force } : {});
    close();
  };
  const button = (action: BulkAction, onClick: () => void, danger = false) => (
    <button type="button" className={`btn btn-small${danger ? ' btn-danger-ghost' : ''}`} onClick={onClick} aria-label={`${VERBS[action]} the ${what} selected`}>
      {VERBS[action]}
    </button>
  );

  return (
    <div className="bulk-slot bulk-bar" role="region" aria-label="Bulk actions" data-testid="bulk-bar">
      <span className="bulk-selected" aria-live="polite" data-testid="selection-count">
        <strong>{count}</strong> selected
        {hidden > 0 && <span className="muted"> · {hidden} hidden by the filter</span>}
      </span>
      <div className="actions" role="group" aria-label={`Actions for the ${what} selected`}>
        {button('start', () => onAction('start', {}))}
        {button('stop', () => setPending('stop'))}
        {button('restart', () => setPending('restart'))}
        {button('delete', () => setPending('delete'), true)}
        <button type="button" className="btn btn-small" onClick={onClear}>
          Clear selection
        </button>
      </div>
      {pending !== null && (
        <ConfirmDialog
          open
          title={`${VERBS[pending]} ${what}?`}
          confirmLabel={`${VERBS[pending]} ${what}`}
          danger={pending !== 'restart'}
          onCancel={close}
          onConfirm={confirm}
        >
          {pending === 'stop' && (
            <>
              <p>Stop the {what} selected. Their processes get a clean shutdown signal.</p>
              <label className="checkbox">
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force (kill at once, no clean
                shutdown)
              </label>
            </>
          )}
          {pending === 'restart' && <p>Restart the {what} selected. Their processes are stopped and started again.</p>}
          {pending === 'delete' && (
            <p>
              Delete the {what} selected for good, with their snapshots and forwards. Running ones are stopped first. This cannot
              be undone.
            </p>
          )}
          {hidden > 0 && <p className="warning-box">{hidden} of them are hidden by the current filter.</p>}
          <p className="muted small">One job per instance; the progress panel follows them.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
