import { request } from './client';
import type { Job } from './jobs';
import type { Forward } from './forwards';
import type { Snapshot } from './snapshots';

export type InstanceStatus = 'Running' | 'Stopped' | 'Frozen' | 'Error' | string;

export interface Usage {
  cpuPercent: number;
  memoryBytes: number;
}

export interface Instance {
  name: string;
  status: InstanceStatus;
  image: string;
  cpu: number;
  memoryMiB: number;
  diskGiB?: number | null;
  /** The LXD host it lives on. */
  host?: string | null;
  /** The Axion node that owns that host now (runs its jobs). */
  node?: string | null;
  createdAt?: string;
  usage?: Usage | null;
  forwards?: Forward[];
  /** The tenant it belongs to (`default` before tenants). */
  tenant?: string;
}

export interface InstanceDetail extends Instance {
  config?: Record<string, string>;
  snapshots?: Snapshot[];
}

export interface CreateInstance {
  name: string;
  image: string;
  cpu: number;
  memoryMiB: number;
  diskGiB?: number;
  cloudInit?: string;
  start?: boolean;
  /** A host to create it on; absent, the server's placement policy chooses. */
  host?: string;
}

export interface ResizeInstance {
  cpu?: number;
  memoryMiB?: number;
}

const path = (name: string) => `/api/v1/instances/${encodeURIComponent(name)}`;

export const instancesApi = {
  /** Every instance, or those on one host. */
  list: (signal?: AbortSignal, host?: string) => request<Instance[]>('/api/v1/instances', { signal, query: { host } }),
  get: (name: string, signal?: AbortSignal) => request<InstanceDetail>(path(name), { signal }),
  create: (spec: CreateInstance) => request<Job>('/api/v1/instances', { method: 'POST', body: spec }),
  resize: (name: string, change: ResizeInstance) =>
    request<Job>(path(name), { method: 'PATCH', body: change }),
  start: (name: string) => request<Job>(`${path(name)}/start`, { method: 'POST' }),
  stop: (name: string, force = false) =>
    request<Job>(`${path(name)}/stop`, { method: 'POST', query: force ? { force: true } : undefined }),
  restart: (name: string) => request<Job>(`${path(name)}/restart`, { method: 'POST' }),
  remove: (name: string) => request<Job>(path(name), { method: 'DELETE' }),
};
