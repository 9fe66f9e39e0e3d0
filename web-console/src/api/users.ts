import { request } from './client';
import type { Role, User } from './auth';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
}

export const usersApi = {
  list: (signal?: AbortSignal) => request<User[]>('/api/v1/users', { signal }),
  create: (user: NewUser) => request<User>('/api/v1/users', { method: 'POST', body: user }),
  /** For a forgotten password: the user's sessions end, and they log in with this one. */
  setPassword: (username: string, password: string) =>
    request<void>(`/api/v1/users/${encodeURIComponent(username)}/password`, { method: 'PUT', body: { password }, as: 'none' }),
  remove: (username: string) =>
    request<void>(`/api/v1/users/${encodeURIComponent(username)}`, { method: 'DELETE', as: 'none' }),
};
