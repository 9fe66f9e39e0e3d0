import { request } from './client';
import type { Job } from './jobs';

export type Protocol = 'tcp' | 'udp';

export interface Forward {
  hostPort: number;
  containerPort: number;
  protocol: Protocol;
  listenAddress?: string;
}

export interface NewForward {
  hostPort: number;
  containerPort: number;
  protocol?: Protocol;
}

const base = (instance: string) => `/api/v1/instances/${encodeURIComponent(instance)}/forwards`;

export const forwardsApi = {
  list: (instance: string, signal?: AbortSignal) => request<Forward[]>(base(instance), { signal }),
  /** 201 with the forward, or 202 with a job: the caller tells them apart with `asJob`. */
  create: (instance: string, forward: NewForward) =>
    request<Forward | Job | undefined>(base(instance), { method: 'POST', body: forward }),
  /** 204, or 202 with a job. */
  remove: (instance: string, hostPort: number) =>
    request<Job | undefined>(`${base(instance)}/${hostPort}`, { method: 'DELETE' }),
};
