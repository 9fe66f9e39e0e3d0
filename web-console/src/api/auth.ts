import { ProblemError, request } from './client';

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

/** A login that also turned two-factor login on (an enrolment its role required): the codes are shown once. */
export interface LoginWithRecovery extends LoginResult {
  recoveryCodes: string[];
}

/** A pending enrolment: the secret as text, and the URI an authenticator app reads from a QR code. */
export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

export interface TotpStatus {
  enabled: boolean;
  /** Enrolled, not confirmed yet. */
  pending: boolean;
  /** The user's role must log in with a code: it cannot be turned off. */
  required: boolean;
  recoveryCodesLeft: number;
}

export interface WsTicket {
  ticket: string;
  expiresAt: string;
}

export const authApi = {
  /** `code`: the authenticator app's current code or a recovery code, for a user with two-factor login on. */
  login: (username: string, password: string, code?: string) =>
    request<LoginResult>('/api/v1/auth/login', {
      method: 'POST',
      body: code ? { username, password, code } : { username, password },
      anonymous: true,
    }),
  totpStatus: (signal?: AbortSignal) => request<TotpStatus>('/api/v1/auth/totp', { signal }),
  totpEnrol: () => request<TotpEnrolment>('/api/v1/auth/totp/enrol', { method: 'POST' }),
  totpConfirm: (code: string) =>
    request<{ recoveryCodes: string[] }>('/api/v1/auth/totp/confirm', { method: 'POST', body: { code } }),
  /** Turns it off with a current (or recovery) code, or with the password. */
  totpDisable: (proof: { code: string } | { password: string }) =>
    request<void>('/api/v1/auth/totp', { method: 'DELETE', body: proof, as: 'none' }),
  /** The enrolment of a user whose role requires it, before any session exists: the password stands in. */
  loginTotpEnrol: (username: string, password: string) =>
    request<TotpEnrolment>('/api/v1/auth/login/totp/enrol', {
      method: 'POST',
      body: { username, password },
      anonymous: true,
    }),
  loginTotpConfirm: (username: string, password: string, code: string) =>
    request<LoginWithRecovery>('/api/v1/auth/login/totp/confirm', {
      method: 'POST',
      body: { username, password, code },
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

/** The last segment of a problem's type (`totp-required`), when the error is the server's problem. */
export function problemSlug(error: unknown): string | undefined {
  if (!(error instanceof ProblemError)) return undefined;
  const type = error.problem.type ?? '';
  return type.slice(type.lastIndexOf('/') + 1) || undefined;
}
