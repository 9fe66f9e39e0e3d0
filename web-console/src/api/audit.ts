import { request } from './client';

/**
 * One audit record: who, what, when, from where, outcome. The server (axion-auth) sends
 * `{id, at, user, action, method, path, address, status}`; normaliseAudit also takes a few other plausible names.
 */
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

/** `POST /api/v1/instances` from the server's method and path. */
function requestLine(raw: RawAudit): string | undefined {
  const path = pick(raw, 'path');
  const method = pick(raw, 'method');
  return path ? (method ? `${method} ${path}` : path) : undefined;
}

export function normaliseAudit(raw: RawAudit): AuditEntry {
  return {
    at: pick(raw, 'at', 'time', 'timestamp', 'createdAt') ?? '',
    username: pick(raw, 'username', 'user', 'who', 'actor') ?? '—',
    action: pick(raw, 'action', 'what', 'event', 'type') ?? '—',
    target: pick(raw, 'target', 'resource', 'instance') ?? requestLine(raw),
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
