import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient, fieldErrors } from './client';
import { installFakeFetch, json, problem } from '../test/fakeFetch';
import { endOfDay, scopesFor, tokensApi } from './tokens';

beforeEach(() => configureClient({ token: () => 'tok-1', onUnauthorized: () => undefined }));
afterEach(() => vi.unstubAllGlobals());

describe('scopesFor', () => {
  it('offers no scope above the role', () => {
    expect(scopesFor('viewer')).toEqual(['read']);
    expect(scopesFor('operator')).toEqual(['read', 'operate']);
    expect(scopesFor('admin')).toEqual(['read', 'operate', 'admin']);
    expect(scopesFor(undefined)).toEqual([]);
  });
});

describe('endOfDay', () => {
  it('is the last second of the chosen local day, and nothing for no date', () => {
    const end = new Date(endOfDay('2030-05-17')!);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2030, 4, 17, 23, 59]);
    expect(endOfDay('')).toBeUndefined();
  });
});

describe('tokensApi', () => {
  it("lists one's own tokens, and everyone's only when asked", async () => {
    const { calls } = installFakeFetch({ 'GET /api/v1/tokens': json([]) });
    await tokensApi.list(false);
    await tokensApi.list(true);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/tokens', '/api/v1/tokens?all=true']);
    expect(calls[0].headers.Authorization).toBe('Bearer tok-1');
  });

  it('posts a new token and returns its secret', async () => {
    const { calls } = installFakeFetch({
      'POST /api/v1/tokens': json({ id: 't1', name: 'ci', owner: 'ann', scopes: ['read'], tenant: null, createdAt: '2026-01-01T00:00:00Z', expiresAt: null, token: 'axn_ab_cd' }, 201),
    });
    const made = await tokensApi.create({ name: 'ci', scopes: ['read'] });
    expect(made.token).toBe('axn_ab_cd');
    expect(calls[0].body).toEqual({ name: 'ci', scopes: ['read'] });
  });

  it('carries the field of a 422 to the caller', async () => {
    installFakeFetch({
      'POST /api/v1/tokens': problem(422, 'validation', 'invalid', { errors: [{ field: 'tenant', message: "'lab' is not one of your tenants" }] }),
    });
    const error = await tokensApi.create({ name: 'x', scopes: ['read'], tenant: 'lab' }).catch((e) => e);
    expect(fieldErrors(error)).toEqual({ tenant: "'lab' is not one of your tenants" });
  });

  it('revokes by id', async () => {
    const { calls } = installFakeFetch({ 'DELETE /api/v1/tokens/t%2F1': new Response(null, { status: 204 }) });
    await tokensApi.revoke('t/1');
    expect(calls[0].method).toBe('DELETE');
  });
});
