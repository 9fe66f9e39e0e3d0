/**
 * API tokens (docs/API.md, "API tokens"): long-lived Bearer secrets for scripts, each capped by its scopes and
 * optionally bound to one tenant. The secret comes back once, on create; the list never carries it.
 */
import { request } from './client';
import type { Role } from './auth';

export type TokenScope = 'read' | 'operate' | 'admin';

/** Scopes from the lowest up; a token may hold none above its maker's role. */
export const TOKEN_SCOPES: TokenScope[] = ['read', 'operate', 'admin'];

const SCOPE_ROLE: Record<TokenScope, Role> = { read: 'viewer', operate: 'operator', admin: 'admin' };
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** The scopes a user of `role` may give a token (the server refuses the others with 422). */
export function scopesFor(role: Role | undefined): TokenScope[] {
  if (!role) return [];
  return TOKEN_SCOPES.filter((scope) => RANK[SCOPE_ROLE[scope]] <= RANK[role]);
}

export interface ApiToken {
  id: string;
  name: string;
  owner: string;
  scopes: TokenScope[];
  tenant: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt?: string | null;
}

export interface NewApiToken {
  name: string;
  scopes: TokenScope[];
  tenant?: string;
  /** An ISO instant; none: the token lasts until revoked. */
  expiresAt?: string;
}

/** The create answer: the token and, this once, its secret. */
export type CreatedApiToken = ApiToken & { token: string };

/** The end of the chosen day in the browser's zone, as the instant the server expects. */
export function endOfDay(date: string): string | undefined {
  if (!date) return undefined;
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year, month - 1, day, 23, 59, 59).toISOString();
}

export const tokensApi = {
  /** The caller's own tokens, or (`all`, admins only) everyone's. */
  list: (all: boolean, signal?: AbortSignal) =>
    request<ApiToken[]>('/api/v1/tokens', { query: { all: all ? true : undefined }, signal }),
  create: (token: NewApiToken) => request<CreatedApiToken>('/api/v1/tokens', { method: 'POST', body: token }),
  revoke: (id: string) => request<void>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: 'DELETE', as: 'none' }),
};
