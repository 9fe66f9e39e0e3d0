import { request } from './client';

export type JobState = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface Job {
  id: string;
  type: string;
  instance?: string | null;
  state: JobState;
  attempts?: number;
  maxAttempts?: number;
  error?: string | null;
  createdAt?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  node?: string | null;
  /** What the job reported so far, oldest first (e.g. "Downloaded 12.3 MiB" while a backup exports). */
  log?: string[];
}

export interface JobFilter {
  instance?: string;
  state?: JobState | '';
  limit?: number;
}

export const jobsApi = {
  list: (filter: JobFilter = {}, signal?: AbortSignal) =>
    request<Job[]>('/api/v1/jobs', { query: { ...filter }, signal }),
  get: (id: string, signal?: AbortSignal) =>
    request<Job>(`/api/v1/jobs/${encodeURIComponent(id)}`, { signal }),
};

export function isTerminal(state: JobState | undefined): boolean {
  return state === 'COMPLETED' || state === 'FAILED';
}

/** A 202 body is the job; some routes may answer 201/204 instead: only objects with an id and a state are jobs. */
export function asJob(value: unknown): Job | null {
  if (value && typeof value === 'object' && 'id' in value && 'state' in value) return value as Job;
  return null;
}
