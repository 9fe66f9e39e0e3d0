import { request } from './client';

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  node: string;
  lxd: { reachable: boolean; serverVersion?: string | null };
  cluster: { members: Array<string | { name?: string; address?: string; [k: string]: unknown }> | number };
}

export const healthApi = {
  get: (signal?: AbortSignal) => request<Health>('/api/v1/health', { anonymous: true, signal }),
};
