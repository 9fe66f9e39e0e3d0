import { useState } from 'react';
import { useNavigate } from 'react-router';
import { instancesApi, type Instance } from '../api/instances';
import { useJobAction } from '../live/useJobAction';
import { ConfirmDialog } from './Dialog';

type Action = 'start' | 'stop' | 'restart' | 'delete';

interface Props {
  instance: Pick<Instance, 'name' | 'status'>;
  compact?: boolean;
  /** Where to go after a delete finishes (the instance page must leave). */
  afterDelete?: string;
}

const VERBS: Record<Action, string> = { start: 'Start', stop: 'Stop', restart: 'Restart', delete: 'Delete' };

/** Start/stop/restart/delete, each behind a confirmation dialog, each followed to its job's end. */
export function InstanceActions({ instance, compact, afterDelete }: Props) {
  const [pending, setPending] = useState<Action | null>(null);
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = useJobAction();
  const navigate = useNavigate();
  const running = instance.status === 'Running' || instance.status === 'Frozen';

  async function confirm() {
    const action = pending;
    if (!action) return;
    setBusy(true);
    setPending(null);
    const name = instance.name;
    const label = `${VERBS[action]} ${name}`;
    const call = {
      start: () => instancesApi.start(name),
      stop: () => instancesApi.stop(name, force),
      restart: () => instancesApi.restart(name),
      delete: () => instancesApi.remove(name),
    }[action];
    const done = { start: `${name} started`, stop: `${name} stopped`, restart: `${name} restarted`, delete: `${name} deleted` }[action];
    setForce(false);
    const outcome = await run(label, call, done);
    setBusy(false);
    if (action === 'delete' && outcome.ok && afterDelete) navigate(afterDelete);
  }

  const button = (action: Action, enabled: boolean, danger = false) => (
    <button
      type="button"
      className={`btn ${compact ? 'btn-small' : ''} ${danger ? 'btn-danger-ghost' : ''}`}
      disabled={!enabled || busy}
      onClick={() => setPending(action)}
      aria-label={compact ? `${VERBS[action]} ${instance.name}` : undefined}
    >
      {VERBS[action]}
    </button>
  );

  return (
    <div className="actions" role="group" aria-label={`Actions for ${instance.name}`}>
      {running ? button('stop', true) : button('start', true)}
      {button('restart', running)}
      {button('delete', true, true)}
      {/* Mounted only while asked: a table of rows each holding a <dialog> would cost every scroll. */}
      {pending !== null && (
      <ConfirmDialog
        open
        title={pending ? `${VERBS[pending]} ${instance.name}?` : ''}
        confirmLabel={pending ? VERBS[pending] : ''}
        danger={pending === 'delete' || pending === 'stop'}
        onCancel={() => {
          setPending(null);
          setForce(false);
        }}
        onConfirm={confirm}
      >
        {pending === 'start' && <p>Start the instance {instance.name}.</p>}
        {pending === 'restart' && <p>Restart {instance.name}. Its processes are stopped and started again.</p>}
        {pending === 'stop' && (
          <>
            <p>Stop {instance.name}. Its processes get a clean shutdown signal.</p>
            <label className="checkbox">
              <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force (kill at once, no clean
              shutdown)
            </label>
          </>
        )}
        {pending === 'delete' && (
          <p>
            Delete {instance.name} for good, with its snapshots and forwards.
            {running && ' It is running and will be stopped first.'} This cannot be undone.
          </p>
        )}
      </ConfirmDialog>
      )}
    </div>
  );
}
