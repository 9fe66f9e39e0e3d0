import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { forwardsApi, type Forward } from '../../api/forwards';
import { keys } from '../../api/keys';
import { useJobAction } from '../../live/useJobAction';
import { hasErrors, validateForward, HOST_PORT_MAX, HOST_PORT_MIN, type ForwardForm } from '../../lib/validation';
import { Dialog, ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';

export function ForwardsDrawer({ instance, canAct, open, onClose }: { instance: string; canAct: boolean; open: boolean; onClose: () => void }) {
  const forwards = useQuery({ queryKey: keys.forwards(instance), queryFn: ({ signal }) => forwardsApi.list(instance, signal), enabled: open });
  const run = useJobAction();
  const [form, setForm] = useState<ForwardForm>({ hostPort: NaN, containerPort: 80, protocol: 'tcp' });
  const [touched, setTouched] = useState(false);
  const [removing, setRemoving] = useState<Forward | null>(null);
  const errors = validateForward(form, (forwards.data ?? []).map((f) => f.hostPort));

  async function add(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (hasErrors(errors)) return;
    const spec = { ...form };
    const outcome = await run(
      `Forward ${spec.hostPort} → ${instance}:${spec.containerPort}`,
      () => forwardsApi.create(instance, spec),
      `Forward ${spec.hostPort}/${spec.protocol} → ${spec.containerPort} added`,
    );
    if (outcome.ok) {
      setForm({ hostPort: NaN, containerPort: spec.containerPort, protocol: spec.protocol });
      setTouched(false);
    }
  }

  function remove() {
    const f = removing;
    setRemoving(null);
    if (f) void run(`Remove forward ${f.hostPort}`, () => forwardsApi.remove(instance, f.hostPort), `Forward ${f.hostPort} removed`);
  }

  return (
    <Dialog open={open} title={`Port forwards of ${instance}`} onClose={onClose} variant="drawer" testId="forwards-drawer">
      {canAct && (
        <form className="inline-form" onSubmit={add} noValidate>
          <Field label="Host port" error={touched ? errors.hostPort : undefined} hint={`${HOST_PORT_MIN}–${HOST_PORT_MAX}`}>
            <input type="number" min={HOST_PORT_MIN} max={HOST_PORT_MAX} value={Number.isNaN(form.hostPort) ? '' : form.hostPort} onChange={(e) => setForm({ ...form, hostPort: e.target.valueAsNumber })} />
          </Field>
          <Field label="Container port" error={touched ? errors.containerPort : undefined}>
            <input type="number" min={1} max={65535} value={Number.isNaN(form.containerPort) ? '' : form.containerPort} onChange={(e) => setForm({ ...form, containerPort: e.target.valueAsNumber })} />
          </Field>
          <Field label="Protocol" error={touched ? errors.protocol : undefined}>
            <select value={form.protocol} onChange={(e) => setForm({ ...form, protocol: e.target.value as 'tcp' | 'udp' })}>
              <option value="tcp">TCP</option>
              <option value="udp">UDP</option>
            </select>
          </Field>
          <button type="submit" className="btn btn-primary">
            Add forward
          </button>
        </form>
      )}
      {forwards.isError && <ErrorBanner what="Forwards" error={forwards.error} onRetry={() => forwards.refetch()} />}
      {forwards.isPending && open && <Loading what="forwards" />}
      {forwards.data && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">Container</th>
              <th scope="col">Protocol</th>
              {canAct && <th scope="col"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {forwards.data.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">No forwards.</td>
              </tr>
            )}
            {forwards.data.map((f) => (
              <tr key={`${f.hostPort}/${f.protocol}`} data-testid="forward-row" data-host-port={f.hostPort}>
                <td className="mono">{f.listenAddress ? `${f.listenAddress}:` : ''}{f.hostPort}</td>
                <td className="mono">{f.containerPort}</td>
                <td>{f.protocol}</td>
                {canAct && (
                  <td className="row-actions">
                    <button type="button" className="btn btn-small btn-danger-ghost" onClick={() => setRemoving(f)} aria-label={`Remove forward ${f.hostPort}`}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog open={removing !== null} title={`Remove forward ${removing?.hostPort}?`} confirmLabel="Remove" danger onCancel={() => setRemoving(null)} onConfirm={remove}>
        <p>
          Host port {removing?.hostPort} stops forwarding to {instance}:{removing?.containerPort}.
        </p>
      </ConfirmDialog>
    </Dialog>
  );
}
