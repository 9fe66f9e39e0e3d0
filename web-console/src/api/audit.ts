import { request } from './client';

/** One entry of `GET /api/v1/audit`, as axion-auth writes it. */
export interface RawAuditEntry {
  id: number;
  at: string;
  /** Null when nobody was authenticated (a failed login, a refused request or socket). */
  user: string | null;
  /** `login`, `login-failed`, `login-throttled`, `request`, `websocket` or `shell`. */
  action: string;
  /** The HTTP method, or the shell's channel (`ssh`, `console`). */
  method: string | null;
  /** The request path, or the shell command with its target. */
  path: string | null;
  address: string | null;
  /** The outcome as an HTTP status. */
  status: number | null;
}

/** One row of the audit page: who, what, when, from where, outcome. */
export interface AuditEntry {
  at: string;
  username: string;
  action: string;
  target: string;
  address: string;
  outcome: string;
}

export interface AuditFilter {
  user?: string;
  limit?: number;
}

export function toAuditEntry(raw: RawAuditEntry): AuditEntry {
  return {
    at: raw.at,
    username: raw.user ?? '—',
    action: raw.action,
    target: [raw.method, raw.path].filter(Boolean).join(' '),
    address: raw.address ?? '',
    outcome: raw.status === null ? '—' : String(raw.status),
  };
}

export const auditApi = {
  list: async (filter: AuditFilter = {}, signal?: AbortSignal): Promise<AuditEntry[]> => {
    const rows = await request<RawAuditEntry[]>('/api/v1/audit', { query: { ...filter }, signal });
    return rows.map(toAuditEntry);
  },
};
