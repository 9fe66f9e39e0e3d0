import { request } from './client';

/** One audit record: who, what, when, from where, outcome. Field names vary a little; see normaliseAudit. */
export interface AuditEntry {
  at: string;
  username: string;
  action: string;
  target?: string;
  address?: string;
  outcome: string;
  detail?: string;
}

export interface AuditFilter {
  user?: string;
  action?: string;
  limit?: number;
}

type RawAudit = Record<string, unknown>;

function pick(raw: RawAudit, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = raw[key];
    if (value !== undefined && value !== null && value !== '') return String(value);
  }
  return undefined;
}

export function normaliseAudit(raw: RawAudit): AuditEntry {
  return {
    at: pick(raw, 'at', 'time', 'timestamp', 'createdAt') ?? '',
    username: pick(raw, 'username', 'user', 'who', 'actor') ?? '—',
    action: pick(raw, 'action', 'what', 'event', 'type') ?? '—',
    target: pick(raw, 'target', 'resource', 'instance', 'path'),
    address: pick(raw, 'address', 'from', 'remoteAddress', 'ip', 'client'),
    outcome: pick(raw, 'outcome', 'result', 'status') ?? '—',
    detail: pick(raw, 'detail', 'message', 'error'),
  };
}

export const auditApi = {
  list: async (filter: AuditFilter = {}, signal?: AbortSignal): Promise<AuditEntry[]> => {
    const body = await request<RawAudit[] | { entries?: RawAudit[]; items?: RawAudit[] }>('/api/v1/audit', {
      query: { ...filter },
      signal,
    });
    const rows = Array.isArray(body) ? body : (body?.entries ?? body?.items ?? []);
    return rows.map(normaliseAudit);
  },
};
