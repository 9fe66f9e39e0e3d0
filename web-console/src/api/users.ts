import { request } from './client';
import type { Role, User } from './auth';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
}

/** A user as the admin's list shows it: `totp` says whether they log in with a code. */
export type ListedUser = User & { totp?: boolean };

export const usersApi = {
  list: (signal?: AbortSignal) => request<ListedUser[]>('/api/v1/users', { signal }),
  create: (user: NewUser) => request<User>('/api/v1/users', { method: 'POST', body: user }),
  /** For a forgotten password: the user's sessions end, and they log in with this one. */
  setPassword: (username: string, password: string) =>
    request<void>(`/api/v1/users/${encodeURIComponent(username)}/password`, { method: 'PUT', body: { password }, as: 'none' }),
  /** A lost authenticator: the user logs in with the password alone again (or enrols first, when required). */
  resetTotp: (username: string) =>
    request<void>(`/api/v1/users/${encodeURIComponent(username)}/totp`, { method: 'DELETE', as: 'none' }),
  remove: (username: string) =>
    request<void>(`/api/v1/users/${encodeURIComponent(username)}`, { method: 'DELETE', as: 'none' }),
};
