/**
 * Tenants (docs/API.md, "Tenants"): the admin's CRUD, members, and the tenant the console acts in. The chosen
 * tenant is kept per browser and sent as the `Axion-Tenant` header on every request (see client.ts); none chosen
 * means the caller's own tenant (or every tenant, for a global admin).
 */
import { request } from './client';

export type TenantRole = 'viewer' | 'operator' | 'tenant-admin';
export const TENANT_ROLES: TenantRole[] = ['viewer', 'operator', 'tenant-admin'];

export interface TenantQuota {
  cpu?: number | null;
  memoryMiB?: number | null;
  diskGiB?: number | null;
  instances?: number | null;
}

export interface Tenant {
  name: string;
  quota: TenantQuota;
  createdAt: string;
}

export interface Membership {
  tenant: string;
  username: string;
  role: TenantRole;
}

export interface TenantDetails extends Tenant {
  members: Membership[];
}

export const TENANT_HEADER = 'Axion-Tenant';
const STORAGE_KEY = 'axion.tenant';
const listeners = new Set<(tenant: string | null) => void>();

function stored(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Read once per page load; the storage only carries it to the next load. */
let chosen: string | null = stored();

/** The tenant the console acts in; null: the caller's default. */
export const tenantSelection = {
  get(): string | null {
    return chosen;
  },
  set(tenant: string | null): void {
    chosen = tenant;
    try {
      if (tenant) globalThis.localStorage?.setItem(STORAGE_KEY, tenant);
      else globalThis.localStorage?.removeItem(STORAGE_KEY);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
    listeners.forEach((listener) => listener(tenant));
  },
  subscribe(listener: (tenant: string | null) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

const path = (name: string) => `/api/v1/tenants/${encodeURIComponent(name)}`;

export const tenantsApi = {
  list: (signal?: AbortSignal) => request<Tenant[]>('/api/v1/tenants', { signal }),
  get: (name: string, signal?: AbortSignal) => request<TenantDetails>(path(name), { signal }),
  create: (name: string, quota: TenantQuota) =>
    request<Tenant>('/api/v1/tenants', { method: 'POST', body: { name, quota } }),
  update: (name: string, quota: TenantQuota) => request<Tenant>(path(name), { method: 'PUT', body: { quota } }),
  remove: (name: string) => request<void>(path(name), { method: 'DELETE', as: 'none' }),
  setMember: (name: string, username: string, role: TenantRole) =>
    request<Membership>(`${path(name)}/members/${encodeURIComponent(username)}`, { method: 'PUT', body: { role } }),
  removeMember: (name: string, username: string) =>
    request<void>(`${path(name)}/members/${encodeURIComponent(username)}`, { method: 'DELETE', as: 'none' }),
};

export interface QuotaUse {
  label: string;
  used: number;
  limit: number | null;
}

/** A tenant's quota next to what its instances hold (the instance list is the request tenant's). */
export function tenantUsage(
  quota: TenantQuota,
  instances: { cpu?: number | null; memoryMiB?: number | null; tenant?: string }[],
  tenant: string,
): QuotaUse[] {
  const own = instances.filter((i) => (i.tenant ?? 'default') === tenant);
  const sum = (pick: (i: (typeof own)[number]) => number | null | undefined) =>
    own.reduce((total, i) => total + (pick(i) ?? 0), 0);
  return [
    { label: 'Instances', used: own.length, limit: quota.instances ?? null },
    { label: 'CPU cores', used: sum((i) => i.cpu), limit: quota.cpu ?? null },
    { label: 'Memory MiB', used: sum((i) => i.memoryMiB), limit: quota.memoryMiB ?? null },
  ];
}
