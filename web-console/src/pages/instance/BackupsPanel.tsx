import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { archiveFileName, BACKUP_TARGETS, backupsApi, type Backup, type BackupTarget, type RestoreRequest } from '../../api/backups';
import { describeError } from '../../api/client';
import { isTerminal, jobsApi, type Job } from '../../api/jobs';
import { keys } from '../../api/keys';
import { formatBytes, formatTime } from '../../lib/format';
import { saveBlob } from '../../lib/text';
import { validateName } from '../../lib/validation';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { StatusBadge } from '../../components/StatusBadge';
import { useToasts } from '../../components/Toasts';
import { SchedulesPanel } from './SchedulesPanel';

/** A job the user started from this tab, followed until it ends. */
interface Tracked {
  job: Job;
  label: string;
  kind: 'create' | 'restore';
}

const STATE_WORDS: Record<string, string> = {
  PENDING: 'queued',
  IN_PROGRESS: 'running',
  COMPLETED: 'done',
  FAILED: 'failed',
};

/**
 * The job's state and its latest log line ("Downloaded 12.3 MiB"), read every `pollMs` until it is COMPLETED or
 * FAILED; then `onFinished` once (the list is refreshed there). A failure shows the job's error.
 */
function JobProgress({ tracked, pollMs, onFinished, onDismiss }: { tracked: Tracked; pollMs: number; onFinished: (job: Job) => void; onDismiss: () => void }) {
  const job = useQuery({
    queryKey: keys.job(tracked.job.id),
    queryFn: ({ signal }) => jobsApi.get(tracked.job.id, signal),
    initialData: tracked.job,
    initialDataUpdatedAt: 0,
    refetchInterval: (query) => (isTerminal(query.state.data?.state) ? false : pollMs),
    refetchIntervalInBackground: true,
  });
  const current = job.data ?? tracked.job;
  const done = isTerminal(current.state);
  const reported = useRef(false);
  useEffect(() => {
    if (done && !reported.current) {
      reported.current = true;
      onFinished(current);
    }
  }, [done, current, onFinished]);

  const last = current.log && current.log.length ? current.log[current.log.length - 1] : null;
  const failed = current.state === 'FAILED';
  return (
    <div className={`job-progress${failed ? ' job-progress-failed' : ''}`} role={failed ? 'alert' : 'status'} data-testid="job-progress" data-state={current.state}>
      {!done && <span className="spinner" aria-hidden="true" />}
      <strong>{tracked.label}</strong>: <span data-testid="job-state">{STATE_WORDS[current.state] ?? current.state}</span>
      {failed ? (
        <span className="job-progress-line"> — {current.error || 'the job failed without a message'}</span>
      ) : (
        last && <span className="job-progress-line mono"> — {last}</span>
      )}
      {job.isError && <span className="muted"> (could not read the job: {describeError(job.error)}; retrying)</span>}
      {done && (
        <button type="button" className="btn btn-small" onClick={onDismiss} aria-label={`Dismiss ${tracked.label}`}>
          Dismiss
        </button>
      )}
    </div>
  );
}

function RestoreDialog({ backup, onClose, onRestore, busy, error }: { backup: Backup | null; onClose: () => void; onRestore: (body: RestoreRequest) => void; busy: boolean; error: unknown }) {
  const [mode, setMode] = useState<'original' | 'new'>('new');
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    if (backup) {
      setMode('new');
      setName(`${backup.instance}-restored`.slice(0, 63));
      setHost('');
      setTouched(false);
    }
  }, [backup]);

  const nameError = mode === 'new' ? validateName(name.trim(), 'Instance name') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (nameError) return;
    onRestore({ ...(mode === 'new' ? { name: name.trim() } : {}), ...(host.trim() ? { host: host.trim() } : {}) });
  }

  return (
    <Dialog open={backup !== null} title={backup ? `Restore the backup of ${backup.instance}` : 'Restore'} onClose={onClose} testId="restore-dialog">
      {backup && (
        <form onSubmit={submit} noValidate>
          <p className="muted">
            Backup of {formatTime(backup.createdAt)} ({formatBytes(backup.sizeBytes)}, {backup.target}). Its checksum is checked
            before the import; the restored instance is left stopped.
          </p>
          <fieldset className="radio-group">
            <legend>Restore as</legend>
            <label className="radio">
              <input type="radio" name="restore-mode" checked={mode === 'new'} onChange={() => setMode('new')} />
              A new instance
            </label>
            <label className="radio">
              <input type="radio" name="restore-mode" checked={mode === 'original'} onChange={() => setMode('original')} />
              Over the original ({backup.instance})
            </label>
          </fieldset>
          {mode === 'new' ? (
            <Field label="New instance name" error={touched ? nameError : undefined}>
              <input value={name} onChange={(e) => { setName(e.target.value); setTouched(true); }} spellCheck={false} />
            </Field>
          ) : (
            <div className="warning-box" role="note">
              <p>
                <strong>{backup.instance} is replaced</strong> by the backup once its import worked; everything written since{' '}
                {formatTime(backup.createdAt)} is lost.
              </p>
            </div>
          )}
          <Field label="Host (optional)" hint="Empty: the server chooses.">
            <input value={host} onChange={(e) => setHost(e.target.value)} spellCheck={false} />
          </Field>
          {error ? <ErrorBanner what="Restore" error={error} /> : null}
          <div className="dialog-footer">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy || (touched && !!nameError)}>
              {busy ? 'Restoring…' : 'Restore'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/**
 * The Backups tab: the instance's backups (made by hand or by its schedule), "Back up now", and per backup
 * verify, download, restore and delete; a job started here shows its progress until it ends. Below: the schedules.
 */
export function BackupsPanel({ instance, canAct, pollMs = 1000 }: { instance: string; canAct: boolean; pollMs?: number }) {
  const client = useQueryClient();
  const toasts = useToasts();
  const backups = useQuery({
    queryKey: keys.backups(instance),
    queryFn: ({ signal }) => backupsApi.list(instance, signal),
    // A pending row (a scheduled one too) becomes good or failed by itself: look again now and then.
    refetchInterval: (query) => (query.state.data?.some((b) => b.state === 'pending') ? 5000 : false),
  });
  const [target, setTarget] = useState<BackupTarget>('directory');
  const [tracked, setTracked] = useState<Tracked[]>([]);
  const [verified, setVerified] = useState<Record<string, boolean | 'checking'>>({});
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [deleting, setDeleting] = useState<Backup | null>(null);
  const [failure, setFailure] = useState<{ what: string; error: unknown } | null>(null);

  const refresh = () => client.invalidateQueries({ queryKey: keys.backups(instance) });
  const follow = (job: Job, label: string, kind: Tracked['kind']) =>
    setTracked((list) => [...list.filter((t) => t.job.id !== job.id), { job, label, kind }]);

  const create = useMutation({
    mutationFn: (t: BackupTarget) => backupsApi.create(instance, t),
    onSuccess: (job, t) => {
      follow(job, `Backup of ${instance} to ${t}`, 'create');
      void refresh();
    },
  });

  const restore = useMutation({
    mutationFn: ({ backup, body }: { backup: Backup; body: RestoreRequest }) => backupsApi.restore(backup.id, body),
    onSuccess: (job, { backup, body }) => {
      follow(job, body.name ? `Restore of ${backup.instance} as ${body.name}` : `Restore of ${backup.instance} over the original`, 'restore');
      setRestoring(null);
    },
  });

  const remove = useMutation({
    mutationFn: (backup: Backup) => backupsApi.remove(backup.id),
    onSuccess: (_, backup) => {
      toasts.show({ kind: 'success', title: `Backup of ${formatTime(backup.createdAt)} deleted` });
      void refresh();
    },
    onError: (error, backup) => setFailure({ what: `Deleting the backup of ${formatTime(backup.createdAt)}`, error }),
  });

  async function verify(backup: Backup) {
    setVerified((v) => ({ ...v, [backup.id]: 'checking' }));
    try {
      const answer = await backupsApi.verify(backup.id);
      setVerified((v) => ({ ...v, [backup.id]: answer.good }));
    } catch (error) {
      setVerified((v) => {
        const next = { ...v };
        delete next[backup.id];
        return next;
      });
      setFailure({ what: `Verifying the backup of ${formatTime(backup.createdAt)}`, error });
    }
  }

  async function download(backup: Backup) {
    try {
      saveBlob(await backupsApi.archive(backup.id), archiveFileName(backup));
    } catch (error) {
      setFailure({ what: `Downloading the backup of ${formatTime(backup.createdAt)}`, error });
    }
  }

  function finished(t: Tracked, job: Job) {
    void refresh();
    if (t.kind === 'restore') {
      for (const key of [keys.instances, ['instance'], keys.quota]) void client.invalidateQueries({ queryKey: key });
    }
    if (job.state === 'COMPLETED') toasts.show({ kind: 'success', title: `${t.label}: done` });
  }

  return (
    <div className="backups">
      <section className="card panel" aria-labelledby="backups-title">
        <div className="panel-header">
          <h2 id="backups-title">Backups</h2>
          {canAct && (
            <form
              className="inline-form inline-form-row"
              onSubmit={(e) => {
                e.preventDefault();
                create.mutate(target);
              }}
            >
              <label>
                Target{' '}
                <select aria-label="Backup target" value={target} onChange={(e) => setTarget(e.target.value as BackupTarget)}>
                  {BACKUP_TARGETS.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="btn btn-primary" disabled={create.isPending}>
                {create.isPending ? 'Starting…' : 'Back up now'}
              </button>
            </form>
          )}
        </div>
        {create.isError && <ErrorBanner what="Back up" error={create.error} />}
        {tracked.map((t) => (
          <JobProgress
            key={t.job.id}
            tracked={t}
            pollMs={pollMs}
            onFinished={(job) => finished(t, job)}
            onDismiss={() => setTracked((list) => list.filter((x) => x.job.id !== t.job.id))}
          />
        ))}
        {failure && (
          <div className="error-banner" role="alert">
            <span>
              {failure.what}: {describeError(failure.error)}
            </span>
            <button type="button" className="btn btn-small" onClick={() => setFailure(null)}>
              Dismiss
            </button>
          </div>
        )}
        {backups.isError && <ErrorBanner what="Backups" error={backups.error} onRetry={() => backups.refetch()} />}
        {backups.isPending && <Loading what="backups" />}
        {backups.data && (
          <table className="data-table" aria-label="Backups">
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col">Size</th>
                <th scope="col">Target</th>
                <th scope="col">Host</th>
                <th scope="col">Scheduled</th>
                {canAct && <th scope="col"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {backups.data.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">No backups.</td>
                </tr>
              )}
              {backups.data.map((b) => {
                const check = verified[b.id];
                return (
                  <tr key={b.id} data-testid="backup-row" data-id={b.id}>
                    <td title={b.sha256 ? `sha256 ${b.sha256}` : undefined}>{formatTime(b.createdAt)}</td>
                    <td>
                      {b.state === 'pending' ? (
                        <span className="busy" data-testid="writing">
                          <span className="spinner" aria-hidden="true" />
                          writing…
                        </span>
                      ) : (
                        <StatusBadge status={b.state} />
                      )}
                      {check === 'checking' && <span className="muted"> checking…</span>}
                      {check === true && <span className="badge badge-ok small" data-testid="verify-result"> verified</span>}
                      {check === false && <span className="badge badge-err small" data-testid="verify-result"> checksum mismatch</span>}
                    </td>
                    <td>{b.state === 'pending' ? '—' : formatBytes(b.sizeBytes)}</td>
                    <td>{b.target}</td>
                    <td>{b.host ?? '—'}</td>
                    <td>{b.scheduled ? 'yes' : 'no'}</td>
                    {canAct && (
                      <td className="row-actions">
                        <button type="button" className="btn btn-small" disabled={b.state !== 'good' || check === 'checking'} onClick={() => void verify(b)} aria-label={`Verify backup ${b.id}`}>
                          Verify
                        </button>
                        <button type="button" className="btn btn-small" disabled={b.state !== 'good'} onClick={() => void download(b)} aria-label={`Download backup ${b.id}`}>
                          Download
                        </button>
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={b.state !== 'good'}
                          onClick={() => {
                            restore.reset();
                            setRestoring(b);
                          }}
                          aria-label={`Restore backup ${b.id}`}
                        >
                          Restore
                        </button>
                        <button type="button" className="btn btn-small btn-danger-ghost" onClick={() => setDeleting(b)} aria-label={`Delete backup ${b.id}`}>
                          Delete
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <SchedulesPanel instance={instance} canAct={canAct} />

      <RestoreDialog
        backup={restoring}
        onClose={() => setRestoring(null)}
        busy={restore.isPending}
        error={restore.error}
        onRestore={(body) => restoring && restore.mutate({ backup: restoring, body })}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the backup of ${deleting ? formatTime(deleting.createdAt) : ''}?`}
        confirmLabel="Delete"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) {
            setFailure(null);
            remove.mutate(deleting);
          }
          setDeleting(null);
        }}
      >
        <p>The archive is removed from its target ({deleting?.target}) for good.</p>
      </ConfirmDialog>
    </div>
  );
}
