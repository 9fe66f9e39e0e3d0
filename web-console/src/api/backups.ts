import { request } from './client';
import type { Job } from './jobs';

/** Where an archive is kept: `directory` (the default) or `restic` (when a repository is set on the server). */
export type BackupTarget = 'directory' | 'restic';
export const BACKUP_TARGETS: BackupTarget[] = ['directory', 'restic'];

/** `pending` while the archive is written, `good` once complete with its checksum, `failed` when the job gave up. */
export type BackupState = 'pending' | 'good' | 'failed';

export interface Backup {
  id: string;
  instance: string;
  host?: string | null;
  target: BackupTarget | string;
  state: BackupState;
  sha256?: string | null;
  sizeBytes?: number | null;
  /** Made by the instance's backup schedule rather than by hand. */
  scheduled: boolean;
  createdAt: string;
}

export interface RestoreRequest {
  /** A new instance's name; absent: over the original. */
  name?: string;
  /** The LXD host to import on; absent: the server's choice. */
  host?: string;
}

export interface SnapshotSchedule {
  cron: string;
  /** e.g. 30m, 12h, 7d, 2w; null: forever. */
  expiry: string | null;
  /** The most scheduled snapshots kept; 0: no limit. */
  keep: number;
}

export interface BackupSchedule {
  cron: string;
  /** null: the server's default target. */
  target: BackupTarget | string | null;
  keep: number;
}

export interface Schedules {
  snapshots: SnapshotSchedule | null;
  backups: BackupSchedule | null;
}

const instanceBase = (instance: string) => `/api/v1/instances/${encodeURIComponent(instance)}`;
const backupBase = (id: string) => `/api/v1/backups/${encodeURIComponent(id)}`;

export const backupsApi = {
  /** The instance's backups, newest first. */
  list: (instance: string, signal?: AbortSignal) => request<Backup[]>(`${instanceBase(instance)}/backups`, { signal }),
  /** Every backup, newest first. */
  all: (signal?: AbortSignal) => request<Backup[]>('/api/v1/backups', { signal }),
  get: (id: string, signal?: AbortSignal) => request<Backup>(backupBase(id), { signal }),
  /** 202 with the `backup.create` job. */
  create: (instance: string, target?: BackupTarget) =>
    request<Job>(`${instanceBase(instance)}/backups`, { method: 'POST', body: target ? { target } : {} }),
  /** 204; 409 `in-progress` while the backup is pending. */
  remove: (id: string) => request<void>(backupBase(id), { method: 'DELETE', as: 'none' }),
  /** The LXD backup tarball (a good backup only: 409 `not-good` otherwise). */
  archive: (id: string, signal?: AbortSignal) => request<Blob>(`${backupBase(id)}/archive`, { as: 'blob', signal }),
  verify: (id: string) => request<{ id: string; good: boolean }>(`${backupBase(id)}/verify`, { method: 'POST' }),
  /** 202 with the `backup.restore` job; no name restores over the original. */
  restore: (id: string, body: RestoreRequest = {}) =>
    request<Job>(`${backupBase(id)}/restore`, { method: 'POST', body }),
};

export const schedulesApi = {
  get: (instance: string, signal?: AbortSignal) => request<Schedules>(`${instanceBase(instance)}/schedules`, { signal }),
  /** Both schedules in one PUT; 422 (naming the field, e.g. `backups.cron`) saves nothing. */
  put: (instance: string, schedules: Schedules) =>
    request<Schedules>(`${instanceBase(instance)}/schedules`, { method: 'PUT', body: schedules }),
};

/** The archive's file name when downloaded. */
export function archiveFileName(backup: Backup): string {
  const stamp = backup.createdAt.replace(/[-:]/g, '').replace(/\.\d+/, '').replace(/Z$/, '');
  return `${backup.instance}-${stamp || backup.id}.tar.gz`;
}

export const CRON_PRESETS = ['@hourly', '@daily', '@weekly', '@monthly', '@yearly'] as const;
const CRON_FIELD = /^[0-9*,/\-A-Za-z?]+$/;

/** Five-field Unix cron (UTC) or one of the @ presets; the server parses it fully and has the last word. */
export function cronError(cron: string): string | undefined {
  const value = cron.trim();
  if (!value) return 'A cron expression is required.';
  if (value.startsWith('@')) {
    return (CRON_PRESETS as readonly string[]).includes(value) ? undefined : `One of ${CRON_PRESETS.join(', ')}.`;
  }
  const fields = value.split(/\s+/);
  if (fields.length !== 5) return 'Needs five fields (minute hour day month weekday) or a preset such as @daily.';
  if (fields.some((f) => !CRON_FIELD.test(f))) return 'Digits, *, ranges (1-5), lists (1,15) and steps (*/15) only.';
  return undefined;
}

const EXPIRY = /^\d{1,6}[mhdw]$/;

/** Blank (forever) or a number and m, h, d or w, such as 7d. */
export function expiryError(expiry: string): string | undefined {
  const value = expiry.trim();
  if (!value || EXPIRY.test(value)) return undefined;
  return 'A number and m, h, d or w, such as 30m, 12h, 7d or 2w.';
}

export function keepError(keep: string): string | undefined {
  const value = keep.trim();
  if (!/^\d+$/.test(value)) return 'A whole number, 0 (no limit) or more.';
  return undefined;
}
