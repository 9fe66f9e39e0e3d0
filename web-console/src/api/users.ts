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
  remove: (username: string) =>
    request<void>(`/api/v1/users/${encodeURIComponent(username)}`, { method: 'DELETE', as: 'none' }),
};
