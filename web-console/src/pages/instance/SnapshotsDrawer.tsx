import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { snapshotsApi, type Snapshot } from '../../api/snapshots';
import { keys } from '../../api/keys';
import { useJobAction } from '../../live/useJobAction';
import { validateName } from '../../lib/validation';
import { formatTime } from '../../lib/format';
import { Dialog, ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';

function defaultSnapshotName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `snap-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

export function SnapshotsDrawer({ instance, running, canAct, open, onClose }: { instance: string; running: boolean; canAct: boolean; open: boolean; onClose: () => void }) {
  const snapshots = useQuery({ queryKey: keys.snapshots(instance), queryFn: ({ signal }) => snapshotsApi.list(instance, signal), enabled: open });
  const run = useJobAction();
  const [name, setName] = useState(defaultSnapshotName);
  const [touched, setTouched] = useState(false);
  const [confirm, setConfirm] = useState<{ action: 'restore' | 'delete'; snapshot: Snapshot } | null>(null);
  const error = validateName(name, 'Snapshot name') ?? ((snapshots.data ?? []).some((s) => s.name === name) ? 'A snapshot with this name exists.' : undefined);

  async function create(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (error) return;
    const snap = name;
    const outcome = await run(`Snapshot ${instance}/${snap}`, () => snapshotsApi.create(instance, snap), `Snapshot ${snap} created`);
    if (outcome.ok) {
      setName(defaultSnapshotName());
      setTouched(false);
    }
  }

  function doConfirm() {
    if (!confirm) return;
    const { action, snapshot } = confirm;
    setConfirm(null);
    if (action === 'restore') {
      void run(`Restore ${instance} to ${snapshot.name}`, () => snapshotsApi.restore(instance, snapshot.name), `${instance} restored to ${snapshot.name}`);
    } else {
      void run(`Delete snapshot ${snapshot.name}`, () => snapshotsApi.remove(instance, snapshot.name), `Snapshot ${snapshot.name} deleted`);
    }
  }

  return (
    <Dialog open={open} title={`Snapshots of ${instance}`} onClose={onClose} variant="drawer" testId="snapshots-drawer">
      {canAct && (
        <form className="inline-form" onSubmit={create} noValidate>
          <Field label="New snapshot name" error={touched ? error : undefined}>
            <input value={name} onChange={(e) => { setName(e.target.value.trim()); setTouched(true); }} spellCheck={false} />
          </Field>
          <button type="submit" className="btn btn-primary">
            Create snapshot
          </button>
        </form>
      )}
      {snapshots.isError && <ErrorBanner what="Snapshots" error={snapshots.error} onRetry={() => snapshots.refetch()} />}
      {snapshots.isPending && open && <Loading what="snapshots" />}
      {snapshots.data && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Taken</th>
              {canAct && <th scope="col"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {snapshots.data.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">No snapshots.</td>
              </tr>
            )}
            {snapshots.data.map((s) => (
              <tr key={s.name} data-testid="snapshot-row" data-name={s.name}>
                <td>
                  {s.name}
                  {s.stateful && <span className="badge badge-info small"> stateful</span>}
                </td>
                <td>{formatTime(s.createdAt)}</td>
                {canAct && (
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => setConfirm({ action: 'restore', snapshot: s })}>
                      Restore
                    </button>
                    <button type="button" className="btn btn-small btn-danger-ghost" onClick={() => setConfirm({ action: 'delete', snapshot: s })} aria-label={`Delete snapshot ${s.name}`}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.action === 'restore' ? `Restore ${instance} to ${confirm.snapshot.name}?` : `Delete snapshot ${confirm?.snapshot.name}?`}
        confirmLabel={confirm?.action === 'restore' ? 'Restore' : 'Delete'}
        danger
        onCancel={() => setConfirm(null)}
        onConfirm={doConfirm}
      >
        {confirm?.action === 'restore' ? (
          <div className="warning-box" role="note">
            <p>
              <strong>Restoring stops the instance.</strong>{' '}
              {running ? `${instance} is running: it will be stopped, restored and started again.` : `${instance} is stopped and stays stopped.`}
            </p>
            <p>Everything written since {formatTime(confirm.snapshot.createdAt)} is lost.</p>
          </div>
        ) : (
          <p>The snapshot {confirm?.snapshot.name} is deleted for good.</p>
        )}
      </ConfirmDialog>
    </Dialog>
  );
}
