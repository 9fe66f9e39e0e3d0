import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient, request } from './client';
import { installFakeFetch, json } from '../test/fakeFetch';
import { TENANT_HEADER, tenantSelection, tenantUsage, tenantsApi } from './tenants';

beforeEach(() => configureClient({ token: () => 'tok-1', onUnauthorized: () => undefined }));
afterEach(() => {
  tenantSelection.set(null);
  vi.unstubAllGlobals();
});

describe('the chosen tenant', () => {
  it('is sent as the Axion-Tenant header, and not when none is chosen', async () => {
    const { calls } = installFakeFetch({ 'GET /x': json({}) });
    await request('/x');
    expect(calls[0].headers[TENANT_HEADER]).toBeUndefined();
    tenantSelection.set('lab');
    await request('/x');
    expect(calls[1].headers[TENANT_HEADER]).toBe('lab');
  });

  it('is never sent on anonymous calls', async () => {
    const { calls } = installFakeFetch({ 'GET /x': json({}) });
    tenantSelection.set('lab');
    await request('/x', { anonymous: true });
    expect(calls[0].headers[TENANT_HEADER]).toBeUndefined();
  });

  it('tells its listeners of a change', () => {
    const heard: (string | null)[] = [];
    const stop = tenantSelection.subscribe((t) => heard.push(t));
    tenantSelection.set('a');
    tenantSelection.set(null);
    stop();
    tenantSelection.set('b');
    expect(heard).toEqual(['a', null]);
  });
});

describe('tenantsApi', () => {
  it('puts a member with its role', async () => {
    const { calls } = installFakeFetch({
      'PUT /api/v1/tenants/lab/members/ann': json({ tenant: 'lab', username: 'ann', role: 'viewer' }),
    });
    await tenantsApi.setMember('lab', 'ann', 'viewer');
    expect(calls[0].body).toEqual({ role: 'viewer' });
  });
});

describe('tenantUsage', () => {
  it('sums the tenant own instances against its quota, unlimited figures as null', () => {
    const usage = tenantUsage({ instances: 5, cpu: null, memoryMiB: 1024 }, [
      { cpu: 1, memoryMiB: 64, tenant: 'lab' },
      { cpu: 2, memoryMiB: 128, tenant: 'lab' },
      { cpu: 8, memoryMiB: 4096, tenant: 'other' },
      { cpu: 1, memoryMiB: 64 },
    ], 'lab');
    expect(usage).toEqual([
      { label: 'Instances', used: 2, limit: 5 },
      { label: 'CPU cores', used: 3, limit: null },
      { label: 'Memory MiB', used: 192, limit: 1024 },
    ]);
  });
});
