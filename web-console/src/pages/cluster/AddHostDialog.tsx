import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { hostsApi, type NewHost } from '../../api/cluster';
import { fieldErrors } from '../../api/client';
import { keys } from '../../api/keys';
import { hasErrors, validateHost, type HostForm } from '../../lib/validation';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useToasts } from '../../components/Toasts';

/** The snap's socket: what a local LXD most often listens on. */
export const DEFAULT_SOCKET = '/var/snap/lxd/common/lxd/unix.socket';

const EMPTY: HostForm = {
  name: '',
  endpoint: 'url',
  url: '',
  socket: DEFAULT_SOCKET,
  project: 'default',
  clientCertificate: '',
  clientKey: '',
  serverCertificate: '',
};

/** The body the server takes: one endpoint only, and no empty optional fields. */
export function toNewHost(form: HostForm): NewHost {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const base = { name: form.name, project: form.project.trim() };
  if (form.endpoint === 'socket') return { ...base, socket: form.socket.trim() };
  return {
    ...base,
    url: form.url.trim(),
    clientCertificate: optional(form.clientCertificate),
    clientKey: optional(form.clientKey),
    serverCertificate: optional(form.serverCertificate),
  };
}

export function AddHostDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Add an LXD host" onClose={onClose} testId="add-host-dialog">
      {/* Unmounted while closed: every opening starts with a fresh form. */}
      {open && <AddHostForm onDone={onClose} />}
    </Dialog>
  );
}

function AddHostForm({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const toasts = useToasts();
  const [form, setForm] = useState<HostForm>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const errors = validateHost(form);

  const add = useMutation({
    mutationFn: () => hostsApi.add(toNewHost(form)),
    onSuccess: (host) => {
      toasts.show({ kind: 'success', title: `Host ${host?.name ?? form.name} added`, message: host?.owner ? `Owned by ${host.owner}.` : undefined });
      void client.invalidateQueries({ queryKey: keys.cluster });
      void client.invalidateQueries({ queryKey: keys.hosts });
      onDone();
    },
  });
  // The server's 422 names the field; anything else (409 name or endpoint taken) shows above the buttons.
  const server = fieldErrors(add.error);
  const shown = (field: keyof HostForm) => (submitted ? errors[field] : undefined) ?? server[field];
  const otherError = add.isError && Object.keys(server).length === 0 ? add.error : null;

  const set = <K extends keyof HostForm>(field: K, value: HostForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (add.isError) add.reset();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!hasErrors(errors)) add.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Field label="Name" error={shown('name')} hint="How instances name their host, e.g. lxd-3.">
        <input value={form.name} onChange={(e) => set('name', e.target.value.trim())} autoComplete="off" spellCheck={false} autoFocus />
      </Field>
      <fieldset className="radio-group">
        <legend>Endpoint</legend>
        <label className="radio">
          <input type="radio" name="endpoint" checked={form.endpoint === 'url'} onChange={() => set('endpoint', 'url')} />
          <span>A remote LXD (HTTPS)</span>
        </label>
        <label className="radio">
          <input type="radio" name="endpoint" checked={form.endpoint === 'socket'} onChange={() => set('endpoint', 'socket')} />
          <span>The local LXD socket</span>
        </label>
      </fieldset>
      {form.endpoint === 'url' ? (
        <>
          <Field label="URL" error={shown('url')} hint="https://host:8443">
            <input value={form.url} onChange={(e) => set('url', e.target.value)} autoComplete="off" spellCheck={false} placeholder="https://lxd-3.example:8443" />
          </Field>
          <details className="tls-details">
            <summary>TLS (optional)</summary>
            <Field label="Client certificate (PEM)" error={shown('clientCertificate')}>
              <textarea rows={3} value={form.clientCertificate} onChange={(e) => set('clientCertificate', e.target.value)} spellCheck={false} />
            </Field>
            <Field label="Client key (PEM)" error={shown('clientKey')}>
              <textarea rows={3} value={form.clientKey} onChange={(e) => set('clientKey', e.target.value)} spellCheck={false} />
            </Field>
            <Field label="Server certificate (PEM)" error={shown('serverCertificate')} hint="When LXD's certificate is not signed by a CA the node trusts.">
              <textarea rows={3} value={form.serverCertificate} onChange={(e) => set('serverCertificate', e.target.value)} spellCheck={false} />
            </Field>
          </details>
        </>
      ) : (
        <Field label="Socket" error={shown('socket')}>
          <input value={form.socket} onChange={(e) => set('socket', e.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
      )}
      <Field label="Project" error={shown('project')} hint="The LXD project Axion works in there.">
        <input value={form.project} onChange={(e) => set('project', e.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
      {otherError !== null && <ErrorBanner error={otherError} />}
      <div className="dialog-footer">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add host'}
        </button>
      </div>
    </form>
  );
}
