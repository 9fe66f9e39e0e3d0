import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { gangsApi, hpcKeys, type Gang, type GangRun, type NewGang } from '../../api/hpc';
import { canAct as roleCanAct } from '../../api/auth';
import { describeError } from '../../api/client';
import { useRole } from '../../auth/AuthContext';
import { useToasts } from '../../components/Toasts';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';

/** How often the gang list and a running batch run are read again. */
export const GANGS_REFRESH_MS = 2000;

const EMPTY: NewGang = { name: '', count: 2, template: { image: '', cpu: 1, memoryMiB: 256, cpuPolicy: 'dedicated' }, spread: 'host', queue: false };

/** Gangs (all-or-nothing groups of pinned instances): list, create, delete, and batch runs with each member's output. */
export default function GangsPage() {
  const canAct = roleCanAct(useRole());
  const gangs = useQuery({ queryKey: hpcKeys.gangs, queryFn: ({ signal }) => gangsApi.list(signal), refetchInterval: GANGS_REFRESH_MS });
  const [running, setRunning] = useState<{ gang: string; id: string } | null>(null);

  if (gangs.isError) return <ErrorBanner what="Gangs" error={gangs.error} onRetry={() => gangs.refetch()} />;
  if (!gangs.data) return <Loading what="gangs" />;
  return (
    <section className="page" aria-labelledby="gangs-title">
      <header className="page-header">
        <h1 id="gangs-title">Gangs</h1>
      </header>
      {canAct && <CreateGangForm />}
      {gangs.data.length === 0 ? (
        <p className="muted" data-testid="gangs-empty">No gangs.</p>
      ) : (
        <table className="table" aria-label="Gangs">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Members</th>
              {canAct && <th scope="col"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {gangs.data.map((gang) => (
              <GangRow key={gang.name} gang={gang} canAct={canAct} onRun={(id) => setRunning({ gang: gang.name, id })} />
            ))}
          </tbody>
        </table>
      )}
      {running && <RunPanel gang={running.gang} id={running.id} />}
    </section>
  );
}

function GangRow({ gang, canAct, onRun }: { gang: Gang; canAct: boolean; onRun: (id: string) => void }) {
  const client = useQueryClient();
  const toasts = useToasts();
  const [command, setCommand] = useState('hostname');
  const remove = useMutation({
    mutationFn: () => gangsApi.remove(gang.name),
    onSuccess: () => {
      toasts.show({ kind: 'success', title: `Deleting gang ${gang.name}` });
      void client.invalidateQueries({ queryKey: hpcKeys.gangs });
    },
    onError: (e) => toasts.show({ kind: 'error', title: `Could not delete gang ${gang.name}`, message: describeError(e) }),
  });
  const run = useMutation({
    mutationFn: () => gangsApi.run(gang.name, command),
    onSuccess: (started) => onRun(started.id),
    onError: (e) => toasts.show({ kind: 'error', title: `Could not run in gang ${gang.name}`, message: describeError(e) }),
  });
  return (
    <tr data-testid="gang-row" data-name={gang.name}>
      <td>{gang.name}</td>
      <td>
        {gang.state}
        {gang.reason && <span className="muted"> — {gang.reason}</span>}
      </td>
      <td>
        {gang.members.length === 0
          ? `${gang.count} (not placed yet)`
          : gang.members.map((m) => `${m.name}@${m.host}${m.cpus ? ` [${m.cpus}]` : ''}`).join(', ')}
      </td>
      {canAct && (
        <td>
          {gang.state === 'running' && (
            <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (command.trim()) run.mutate(); }}>
              <input aria-label={`Command for ${gang.name}`} value={command} onChange={(e) => setCommand(e.target.value)} />
              <button type="submit" className="btn" disabled={!command.trim() || run.isPending}>Run</button>
            </form>
          )}
          <button type="button" className="btn btn-danger" aria-label={`Delete gang ${gang.name}`} disabled={remove.isPending || gang.state === 'deleting'} onClick={() => remove.mutate()}>
            Delete
          </button>
        </td>
      )}
    </tr>
  );
}

function CreateGangForm() {
  const client = useQueryClient();
  const toasts = useToasts();
  const [form, setForm] = useState<NewGang>(EMPTY);
  const create = useMutation({
    mutationFn: (gang: NewGang) => gangsApi.create(gang),
    onSuccess: (gang) => {
      toasts.show({ kind: 'success', title: gang.state === 'queued' ? `Gang ${gang.name} queued` : `Gang ${gang.name} placed` });
      setForm(EMPTY);
      void client.invalidateQueries({ queryKey: hpcKeys.gangs });
    },
    onError: (e) => toasts.show({ kind: 'error', title: 'Could not create the gang', message: describeError(e) }),
  });
  const valid = form.name.trim() !== '' && form.template.image.trim() !== '' && form.count >= 1 && form.template.cpu >= 1 && form.template.memoryMiB >= 1;
  const template = (patch: Partial<NewGang['template']>) => setForm({ ...form, template: { ...form.template, ...patch } });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (valid) create.mutate(form);
  }

  return (
    <section className="card panel" aria-labelledby="gang-create-title">
      <h2 id="gang-create-title">New gang</h2>
      <form onSubmit={submit} noValidate className="inline-form">
        <label>Name <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
        <label>Members <input type="number" min={1} value={form.count} onChange={(e) => setForm({ ...form, count: e.target.valueAsNumber })} /></label>
        <label>Image <input value={form.template.image} onChange={(e) => template({ image: e.target.value })} /></label>
        <label>CPU <input type="number" min={1} value={form.template.cpu} onChange={(e) => template({ cpu: e.target.valueAsNumber })} /></label>
        <label>Memory (MiB) <input type="number" min={1} value={form.template.memoryMiB} onChange={(e) => template({ memoryMiB: e.target.valueAsNumber })} /></label>
        <label>
          CPU policy
          <select value={form.template.cpuPolicy} onChange={(e) => template({ cpuPolicy: e.target.value as 'shared' | 'dedicated' })}>
            <option value="dedicated">dedicated</option>
            <option value="shared">shared</option>
          </select>
        </label>
        <label>
          Spread
          <select value={form.spread} onChange={(e) => setForm({ ...form, spread: e.target.value as 'host' | 'pack' })}>
            <option value="host">one host each</option>
            <option value="pack">pack hosts</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={form.queue} onChange={(e) => setForm({ ...form, queue: e.target.checked })} /> Queue when full
        </label>
        <button type="submit" className="btn btn-primary" disabled={!valid || create.isPending}>Create gang</button>
      </form>
    </section>
  );
}

/** One batch run: read again until every member ended, then each member's exit code and output. */
export function RunPanel({ gang, id }: { gang: string; id: string }) {
  const run = useQuery({
    queryKey: hpcKeys.run(gang, id),
    queryFn: ({ signal }) => gangsApi.getRun(gang, id, signal),
    refetchInterval: (query) => ((query.state.data as GangRun | undefined)?.state === 'running' ? GANGS_REFRESH_MS : false),
  });
  if (run.isError) return <ErrorBanner what="Run" error={run.error} />;
  if (!run.data) return <Loading what="run" />;
  return (
    <section className="card panel" aria-labelledby="run-title" data-testid="run-panel">
      <h2 id="run-title">
        Run of {run.data.command.join(' ')} in {gang}: <span data-testid="run-state">{run.data.state}</span>
      </h2>
      {run.data.members.map((m) => (
        <div key={m.name} data-testid="member-run" data-name={m.name}>
          <h3>
            {m.name} <span className="muted">({m.host}) {m.state}{m.exitCode !== null ? `, exit ${m.exitCode}` : ''}</span>
          </h3>
          {m.stdout && <pre>{m.stdout}</pre>}
          {m.stderr && <pre className="muted">{m.stderr}</pre>}
        </div>
      ))}
    </section>
  );
}
