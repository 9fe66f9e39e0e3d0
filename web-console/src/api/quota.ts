import { request } from './client';

export interface QuotaDimension {
  limit: number;
  allocated: number;
  physical: number;
}

export interface Quota {
  cpu: QuotaDimension;
  memoryMiB: QuotaDimension;
  cpuOvercommit?: number;
}

export interface QuotaLimits {
  cpu: number;
  memoryMiB: number;
}

export const quotaApi = {
  get: (signal?: AbortSignal) => request<Quota>('/api/v1/quota', { signal }),
  put: (limits: QuotaLimits) => request<Quota>('/api/v1/quota', { method: 'PUT', body: limits }),
};

/** What is left under the limit (never negative: an allocation above the limit is reported, not failed). */
export function quotaLeft(dimension: QuotaDimension | undefined): number {
  if (!dimension) return Number.POSITIVE_INFINITY;
  return Math.max(0, dimension.limit - dimension.allocated);
}
