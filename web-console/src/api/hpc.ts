import { request } from './client';

/** The HPC scheduler's routes (feature `axion-hpc-scheduler`, capability `hpc`). */

export interface GangTemplate {
  image: string;
  cpu: number;
  memoryMiB: number;
  cpuPolicy?: 'shared' | 'dedicated';
  numa?: 'none' | 'preferred' | 'strict';
  gpus?: number;
}

export interface GangMember {
  name: string;
  index: number;
  host: string;
  state: string;
  cpus: string | null;
  gpus: string[];
}

export interface Gang {
  name: string;
  owner: string | null;
  /** The tenant it (and its members) belong to; optional for servers from before tenants. */
  tenant?: string;
  state: 'queued' | 'creating' | 'running' | 'failed' | 'deleting' | string;
  count: number;
  spread: 'host' | 'pack';
  template: GangTemplate;
  jobId: string | null;
  reason: string | null;
  createdAt: string;
  members: GangMember[];
}

export interface NewGang {
  name: string;
  count: number;
  template: GangTemplate;
  spread: 'host' | 'pack';
  queue: boolean;
}

export interface MemberRun {
  name: string;
  host: string;
  state: 'running' | 'exited' | 'timed-out' | 'error' | string;
  exitCode: number | null;
  stdout: string | null;
  stderr: string | null;
  truncated: boolean;
}

export interface GangRun {
  id: string;
  gang: string;
  state: 'running' | 'succeeded' | 'failed';
  command: string[];
  createdAt: string;
  finishedAt: string | null;
  members: MemberRun[];
}

export interface QueuedCreate {
  id: string;
  name: string;
  owner: string | null;
  priority: number;
  cpu: number | null;
  memoryMiB: number | null;
  cpuPolicy: string | null;
  gpus: number | null;
  queuedAt: string;
  state: string;
  position: number | null;
}

export interface CoreMap {
  host: string;
  simulated: boolean;
  numaNodes: { id: number; memoryBytes: number }[];
  cores: { cpu: number; socket: number; core: number; numaNode: number; pinnedTo: string | null }[];
  gpus: { pci: string; product: string; numaNode: number; simulated: boolean; heldBy: string | null }[];
}

const gangPath = (name: string) => `/api/v1/gangs/${encodeURIComponent(name)}`;

export const hpcKeys = {
  gangs: ['hpc', 'gangs'] as const,
  run: (gang: string, id: string) => ['hpc', 'run', gang, id] as const,
  queue: ['hpc', 'queue'] as const,
  cores: (host: string) => ['hpc', 'cores', host] as const,
};

export const gangsApi = {
  list: (signal?: AbortSignal) => request<Gang[]>('/api/v1/gangs', { signal }),
  create: (gang: NewGang) => request<Gang>('/api/v1/gangs', { method: 'POST', body: gang }),
  remove: (name: string) => request<{ id: string }>(gangPath(name), { method: 'DELETE' }),
  run: (name: string, command: string) => request<GangRun>(`${gangPath(name)}/runs`, { method: 'POST', body: { command } }),
  getRun: (name: string, id: string, signal?: AbortSignal) =>
    request<GangRun>(`${gangPath(name)}/runs/${encodeURIComponent(id)}`, { signal }),
};

export const queueApi = {
  list: (signal?: AbortSignal) => request<QueuedCreate[]>('/api/v1/queue', { signal }),
  cancel: (id: string) => request<QueuedCreate>(`/api/v1/queue/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

export const coresApi = {
  get: (host: string, signal?: AbortSignal) =>
    request<CoreMap>(`/api/v1/hpc/hosts/${encodeURIComponent(host)}/cores`, { signal }),
};
