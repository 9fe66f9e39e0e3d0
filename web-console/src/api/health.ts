import { request } from './client';

/** One readiness check: `status` is `ok` when it passes (else `warn`, `critical`, ...). */
export interface HealthCheck {
  name: string;
  status: string;
  detail: string;
  durationMs: number;
}

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  node: string;
  lxd: { reachable: boolean; serverVersion?: string | null };
  cluster: { members: Array<string | { name?: string; address?: string; [k: string]: unknown }> | number };
  /** Every readiness check; the server answers 200 when all are ok, else 503 with the same body. */
  checks?: HealthCheck[];
}

export const healthApi = {
  get: (signal?: AbortSignal) =>
    request<Health>('/api/v1/health', { anonymous: true, signal, answerStatuses: [503] }),
};
