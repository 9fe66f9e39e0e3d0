import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { instancesApi, type Instance } from '../../api/instances';
import { quotaApi, quotaLeft } from '../../api/quota';
import { keys } from '../../api/keys';
import { useCapabilities } from '../../auth/capabilities';
import { useJobAction } from '../../live/useJobAction';
import { hasErrors, validateResize } from '../../lib/validation';
import { formatMiB } from '../../lib/format';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';

export function ResizeDialog({ instance, open, onClose }: { instance: Instance; open: boolean; onClose: () => void }) {
  const caps = useCapabilities();
  const quota = useQuery({ queryKey: keys.quota, queryFn: ({ signal }) => quotaApi.get(signal), enabled: open && caps.has('quota') });
  const run = useJobAction();
  const [cpu, setCpu] = useState(instance.cpu);
  const [memoryMiB, setMemory] = useState(instance.memoryMiB);
  const headroom = { cpu: quotaLeft(quota.data?.cpu), memoryMiB: quotaLeft(quota.data?.memoryMiB) };
  const errors = validateResize({ cpu, memoryMiB }, instance, headroom);
  const unchanged = cpu === instance.cpu && memoryMiB === instance.memoryMiB;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (hasErrors(errors) || unchanged) return;
    const change = { ...(cpu !== instance.cpu ? { cpu } : {}), ...(memoryMiB !== instance.memoryMiB ? { memoryMiB } : {}) };
    onClose();
    await run(`Resize ${instance.name}`, () => instancesApi.resize(instance.name, change), `${instance.name} resized to ${cpu} cores, ${formatMiB(memoryMiB)}`);
  }

  return (
    <Dialog open={open} title={`Resize ${instance.name}`} onClose={onClose} testId="resize-dialog">
      <form onSubmit={submit} noValidate>
        <p className="muted">
          Applied live{instance.status === 'Running' ? ' to the running instance' : ''}.
          {caps.has('quota') && quota.data && ` Up to ${headroom.cpu + instance.cpu} cores and ${formatMiB(headroom.memoryMiB + instance.memoryMiB)} with the quota left.`}
        </p>
        <Field label="CPU (cores)" error={errors.cpu}>
          <input type="number" min={1} step={1} value={Number.isNaN(cpu) ? '' : cpu} onChange={(e) => setCpu(e.target.valueAsNumber)} autoFocus />
        </Field>
        <Field label="Memory (MiB)" error={errors.memoryMiB}>
          <input type="number" min={16} step={64} value={Number.isNaN(memoryMiB) ? '' : memoryMiB} onChange={(e) => setMemory(e.target.valueAsNumber)} />
        </Field>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={hasErrors(errors) || unchanged}>
            Resize
          </button>
        </div>
      </form>
    </Dialog>
  );
}
