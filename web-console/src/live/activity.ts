import type { EventMessage } from '../api/events';
import type { Job } from '../api/jobs';

/** The live activity log: job changes and instance lifecycle events, newest first, bounded. */
export interface ActivityEntry {
  id: number;
  at: string;
  channel: string;
  type: string;
  summary: string;
  /** The summary split around the instance name, so a view can link the name. */
  parts?: [before: string, after: string];
  level: 'info' | 'success' | 'error';
  instance?: string;
  jobId?: string;
}

export const ACTIVITY_LIMIT = 500;

function describeJob(job: Partial<Job>): { summary: string; level: ActivityEntry['level'] } {
  const what = `${job.type ?? 'job'}${job.instance ? ` ${job.instance}` : ''}`;
  switch (job.state) {
    case 'COMPLETED':
      return { summary: `${what}: completed`, level: 'success' };
    case 'FAILED':
      return { summary: `${what}: failed${job.error ? ` — ${job.error}` : ''}`, level: 'error' };
    case 'IN_PROGRESS':
      return {
        summary: `${what}: in progress${job.attempts && job.attempts > 1 ? ` (attempt ${job.attempts}/${job.maxAttempts ?? '?'})` : ''}`,
        level: 'info',
      };
    default:
      return { summary: `${what}: ${String(job.state ?? 'queued').toLowerCase()}`, level: 'info' };
  }
}

/**
 * What happened to an instance. The server sends two kinds on `instances`: LXD's lifecycle events
 * (`instance-started`, … with `{name, action, project}`) and Axion's own view changes (`instance-added`,
 * `instance-updated`, `instance-removed` with the instance as the list shows it).
 */
function describeInstanceEvent(type: string, data: Record<string, unknown>): string {
  if (typeof data.action === 'string') return data.action;
  const status = typeof data.status === 'string' ? data.status : undefined;
  switch (type) {
    case 'instance-added':
      return status ? `added (${status})` : 'added';
    case 'instance-removed':
      return 'removed';
    case 'instance-updated':
      return status ? `updated (${status})` : 'updated';
    default:
      return status ?? type;
  }
}

export function toActivity(message: EventMessage, id: number): ActivityEntry | null {
  if (message.channel === 'jobs') {
    const job = (message.data ?? {}) as Partial<Job>;
    const { summary, level } = describeJob(job);
    const instance = job.instance ?? undefined;
    const at = instance ? summary.indexOf(instance) : -1;
    const parts: [string, string] | undefined = instance && at >= 0 ? [summary.slice(0, at), summary.slice(at + instance.length)] : undefined;
    return { id, at: message.at, channel: 'jobs', type: message.type, summary, parts, level, instance, jobId: job.id };
  }
  if (message.channel === 'instances') {
    const data = (message.data ?? {}) as Record<string, unknown>;
    const instance = (data.instance ?? data.name) as string | undefined;
    const action = describeInstanceEvent(message.type, data);
    const level: ActivityEntry['level'] = /error|fail/i.test(String(action)) ? 'error' : 'info';
    return {
      id,
      at: message.at,
      channel: 'instances',
      type: message.type,
      summary: `${instance ?? 'instance'}: ${action}`,
      parts: instance ? ['', `: ${action}`] : undefined,
      level,
      instance,
    };
  }
  return null;
}

export class ActivityLog {
  private entries: ActivityEntry[] = [];
  private listeners = new Set<() => void>();
  private nextId = 1;

  add(message: EventMessage): void {
    const entry = toActivity(message, this.nextId);
    if (!entry) return;
    this.nextId++;
    this.entries = [entry, ...this.entries].slice(0, ACTIVITY_LIMIT);
    this.listeners.forEach((l) => l());
  }

  snapshot = (): ActivityEntry[] => this.entries;

  clear(): void {
    this.entries = [];
    this.listeners.forEach((l) => l());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export const activity = new ActivityLog();
