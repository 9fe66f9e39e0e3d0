import { request } from './client';
import type { Job } from './jobs';

export interface Snapshot {
  name: string;
  createdAt?: string;
  stateful?: boolean;
}

const base = (instance: string) => `/api/v1/instances/${encodeURIComponent(instance)}/snapshots`;

export const snapshotsApi = {
  list: (instance: string, signal?: AbortSignal) => request<Snapshot[]>(base(instance), { signal }),
  create: (instance: string, name: string) =>
    request<Job>(base(instance), { method: 'POST', body: { name } }),
  restore: (instance: string, snapshot: string) =>
    request<Job>(`${base(instance)}/${encodeURIComponent(snapshot)}/restore`, { method: 'POST' }),
  remove: (instance: string, snapshot: string) =>
    request<Job>(`${base(instance)}/${encodeURIComponent(snapshot)}`, { method: 'DELETE' }),
};
