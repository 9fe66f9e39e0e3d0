import { request } from './client';

export type Role = 'admin' | 'operator' | 'viewer';
export const ROLES: Role[] = ['viewer', 'operator', 'admin'];

export interface User {
  username: string;
  role: Role;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: User;
}

export interface WsTicket {
  ticket: string;
  expiresAt: string;
}

export const authApi = {
  login: (username: string, password: string) =>
    request<LoginResult>('/api/v1/auth/login', {
      method: 'POST',
      body: { username, password },
      anonymous: true,
    }),
  me: () => request<User>('/api/v1/auth/me'),
  /** Ends every earlier token of the caller, this one included: the answer's token is the session's from now on. */
  changePassword: (currentPassword: string, newPassword: string) =>
    request<LoginResult>('/api/v1/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
  /** A single-use, 30 s ticket: the only credential a browser WebSocket carries (never the JWT). */
  wsTicket: () => request<WsTicket>('/api/v1/auth/ws-ticket', { method: 'POST' }),
};

/** What each role may do, as the server enforces it (viewer reads, operator acts, admin manages). */
export function canAct(role: Role | undefined): boolean {
  return role === 'operator' || role === 'admin';
}

export function isAdmin(role: Role | undefined): boolean {
  return role === 'admin';
}
