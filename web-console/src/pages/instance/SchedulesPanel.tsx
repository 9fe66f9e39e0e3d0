import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BACKUP_TARGETS, cronError, expiryError, keepError, schedulesApi, type Schedules } from '../../api/backups';
import { ProblemError } from '../../api/client';
import { keys } from '../../api/keys';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { useToasts } from '../../components/Toasts';

/** The form's state: strings as typed, each schedule switchable off (sent as null). */
interface Draft {
  snapshotsOn: boolean;
  snapshotCron: string;
  snapshotExpiry: string;
  snapshotKeep: string;
  backupsOn: boolean;
  backupCron: string;
  /** '' = the server's default target. */
  backupTarget: string;
  backupKeep: string;
}

const PRESETS = ['@hourly', '@daily'];

function toDraft(s: Schedules): Draft {
  return {
    snapshotsOn: s.snapshots !== null && s.snapshots !== undefined,
    snapshotCron: s.snapshots?.cron ?? '@daily',
    snapshotExpiry: s.snapshots ? s.snapshots.expiry ?? '' : '7d',
    snapshotKeep: String(s.snapshots?.keep ?? 7),
    backupsOn: s.backups !== null && s.backups !== undefined,
    backupCron: s.backups?.cron ?? '@daily',
    backupTarget: s.backups?.target ?? '',
    backupKeep: String(s.backups?.keep ?? 7),
  };
}

/** The PUT body: an off schedule is null, a blank expiry is null (forever), a blank target the default. */
export function toSchedules(d: Draft): Schedules {
  return {
    snapshots: d.snapshotsOn
      ? { cron: d.snapshotCron.trim(), expiry: d.snapshotExpiry.trim() || null, keep: Number(d.snapshotKeep.trim()) }
      : null,
    backups: d.backupsOn ? { cron: d.backupCron.trim(), target: d.backupTarget || null, keep: Number(d.backupKeep.trim()) } : null,
  };
}

type FieldName = 'snapshots.cron' | 'snapshots.expiry' | 'snapshots.keep' | 'backups.cron' | 'backups.target' | 'backups.keep';

function draftErrors(d: Draft): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (d.snapshotsOn) {
    errors['snapshots.cron'] = cronError(d.snapshotCron);
    errors['snapshots.expiry'] = expiryError(d.snapshotExpiry);
    errors['snapshots.keep'] = keepError(d.snapshotKeep);
  }
  if (d.backupsOn) {
    errors['backups.cron'] = cronError(d.backupCron);
    errors['backups.keep'] = keepError(d.backupKeep);
  }
  return errors;
}

/** The field a 422 names (`errors[0].field`, or the start of its detail: "backups.cron: ..."). */
function serverField(error: unknown): { field: string; message: string } | null {
  if (!(error instanceof ProblemError) || error.status !== 422) return null;
  const first = (error.problem.errors as Array<{ field?: string; message?: string }> | undefined)?.[0];
  if (first?.field) return { field: first.field, message: first.message ?? error.message };
  const m = /^([a-z]+\.[a-z]+): (.*)$/.exec(error.problem.detail ?? '');
  return m ? { field: m[1], message: m[2] } : null;
}

function CronField({ label, value, error, disabled, onChange }: { label: string; value: string; error?: string; disabled: boolean; onChange: (v: string) => void }) {
  return (
    <div className="cron-field">
      <Field label={label} error={error} hint="Five fields in UTC (minute hour day month weekday) or @hourly, @daily, @weekly…">
        <input value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} spellCheck={false} className="mono" />
      </Field>
      {!disabled && (
        <div className="cron-presets" role="group" aria-label={`${label} presets`}>
          {PRESETS.map((p) => (
            <button key={p} type="button" className="btn btn-small" aria-pressed={value.trim() === p} onClick={() => onChange(p)}>
              {p}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * The instance's schedules: scheduled snapshots ({cron, expiry, keep}) and scheduled backups ({cron, target,
 * keep}), each switchable off, saved together in one PUT. The server has the last word: its 422 names the field.
 */
export function SchedulesPanel({ instance, canAct }: { instance: string; canAct: boolean }) {
  const client = useQueryClient();
  const toasts = useToasts();
  const schedules = useQuery({ queryKey: keys.schedules(instance), queryFn: ({ signal }) => schedulesApi.get(instance, signal) });
  const [draft, setDraft] = useState<Draft | null>(null);

  useEffect(() => {
    if (schedules.data && !draft) setDraft(toDraft(schedules.data));
  }, [schedules.data, draft]);

  const save = useMutation({
    mutationFn: (d: Draft) => schedulesApi.put(instance, toSchedules(d)),
    onSuccess: (saved) => {
      toasts.show({ kind: 'success', title: `Schedules of ${instance} saved` });
      client.setQueryData(keys.schedules(instance), saved);
      setDraft(saved ? toDraft(saved) : null);
    },
  });

  if (schedules.isError) return <ErrorBanner what="Schedules" error={schedules.error} onRetry={() => schedules.refetch()} />;
  if (!draft) return <Loading what="schedules" />;

  const errors = draftErrors(draft);
  const invalid = Object.values(errors).some(Boolean);
  const refused = serverField(save.error);
  const shown = (field: FieldName) => errors[field] ?? (refused?.field === field ? refused.message : undefined);
  const set = (change: Partial<Draft>) => {
    if (save.isError) save.reset();
    setDraft({ ...draft, ...change });
  };
  const readOnly = !canAct;

  return (
    <section className="card panel schedules" aria-labelledby="schedules-title">
      <h2 id="schedules-title">Schedules</h2>
      <p className="muted">Times are UTC. Scheduled snapshots are named auto-YYYYMMDD-HHMM, and only they are pruned.</p>

      <fieldset className="schedule" aria-label="Snapshot schedule">
        <label className="switch">
          <input type="checkbox" checked={draft.snapshotsOn} disabled={readOnly} onChange={(e) => set({ snapshotsOn: e.target.checked })} />
          Take snapshots on a schedule
        </label>
        {draft.snapshotsOn && (
          <div className="schedule-fields">
            <CronField label="Snapshot cron" value={draft.snapshotCron} error={shown('snapshots.cron')} disabled={readOnly} onChange={(v) => set({ snapshotCron: v })} />
            <Field label="Snapshot expiry" error={shown('snapshots.expiry')} hint="30m, 12h, 7d, 2w; empty: never expire.">
              <input value={draft.snapshotExpiry} disabled={readOnly} onChange={(e) => set({ snapshotExpiry: e.target.value })} spellCheck={false} />
            </Field>
            <Field label="Snapshots kept" error={shown('snapshots.keep')} hint="0: no limit.">
              <input inputMode="numeric" value={draft.snapshotKeep} disabled={readOnly} onChange={(e) => set({ snapshotKeep: e.target.value })} />
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset className="schedule" aria-label="Backup schedule">
        <label className="switch">
          <input type="checkbox" checked={draft.backupsOn} disabled={readOnly} onChange={(e) => set({ backupsOn: e.target.checked })} />
          Back up on a schedule
        </label>
        {draft.backupsOn && (
          <div className="schedule-fields">
            <CronField label="Backup cron" value={draft.backupCron} error={shown('backups.cron')} disabled={readOnly} onChange={(v) => set({ backupCron: v })} />
            <Field label="Scheduled backup target" error={shown('backups.target')}>
              <select value={draft.backupTarget} disabled={readOnly} onChange={(e) => set({ backupTarget: e.target.value })}>
                <option value="">default</option>
                {BACKUP_TARGETS.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Backups kept" error={shown('backups.keep')} hint="0: the server's retention setting.">
              <input inputMode="numeric" value={draft.backupKeep} disabled={readOnly} onChange={(e) => set({ backupKeep: e.target.value })} />
            </Field>
          </div>
        )}
      </fieldset>

      {save.isError && <ErrorBanner what="The schedules" error={save.error} />}
      {canAct && (
        <div className="form-actions">
          <button type="button" className="btn btn-primary" disabled={invalid || save.isPending} onClick={() => save.mutate(draft)}>
            {save.isPending ? 'Saving…' : 'Save schedules'}
          </button>
        </div>
      )}
    </section>
  );
}
