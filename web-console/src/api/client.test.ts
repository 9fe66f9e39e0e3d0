import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildUrl, configureClient, describeError, fieldErrors, ProblemError, request } from './client';
import { installFakeFetch, json, problem } from '../test/fakeFetch';

const unauthorized = vi.fn();
beforeEach(() => configureClient({ token: () => 'tok-123', onUnauthorized: unauthorized }));
afterEach(() => {
  vi.unstubAllGlobals();
  unauthorized.mockReset();
});

describe('request', () => {
  it('sends the bearer token and JSON body', async () => {
    const { calls } = installFakeFetch({ 'POST /x': json({ ok: true }) });
    await expect(request('/x', { method: 'POST', body: { a: 1 } })).resolves.toEqual({ ok: true });
    expect(calls[0].headers.Authorization).toBe('Bearer tok-123');
    expect(calls[0].headers['Content-Type']).toBe('application/json');
    expect(calls[0].body).toEqual({ a: 1 });
  });

  it('leaves the token off anonymous calls', async () => {
    const { calls } = installFakeFetch({ 'GET /x': json({}) });
    await request('/x', { anonymous: true });
    expect(calls[0].headers.Authorization).toBeUndefined();
  });

  it('sends raw bodies as octet-stream, untouched', async () => {
    const { calls } = installFakeFetch({ 'PUT /f': new Response(null, { status: 204 }) });
    const blob = new Blob(['bytes']);
    await request('/f', { method: 'PUT', body: blob, as: 'none' });
    expect(calls[0].headers['Content-Type']).toBe('application/octet-stream');
    expect(calls[0].body).toBe(blob);
  });

  it('answers undefined for 204', async () => {
    installFakeFetch({ 'DELETE /x': new Response(null, { status: 204 }) });
    await expect(request('/x', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('turns a problem into a ProblemError with its detail and errors', async () => {
    installFakeFetch({ 'POST /x': problem(422, 'quota-exceeded', 'memoryMiB: 512 asked, 100 left', { errors: ['memoryMiB'] }) });
    const error = (await request('/x', { method: 'POST', body: {} }).catch((e) => e)) as ProblemError;
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.status).toBe(422);
    expect(error.problem.type).toBe('https://axion.dev/problems/quota-exceeded');
    expect(describeError(error)).toBe('memoryMiB: 512 asked, 100 left (memoryMiB)');
  });

  it('reads Retry-After on 429', async () => {
    installFakeFetch({ 'POST /login': problem(429, 'too-many', 'slow down', { retryAfter: 30 }) });
    const error = (await request('/login', { method: 'POST', anonymous: true }).catch((e) => e)) as ProblemError;
    expect(error.retryAfter).toBe(30);
  });

  it('tells the auth layer about a 401 on a logged-in call, not on an anonymous one', async () => {
    installFakeFetch({ 'GET /x': problem(401, 'unauthorized', 'expired') });
    await request('/x').catch(() => undefined);
    expect(unauthorized).toHaveBeenCalledTimes(1);
    expect(unauthorized.mock.calls[0][1]).toBe('tok-123');
    await request('/x', { anonymous: true }).catch(() => undefined);
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });

  it('survives a non-JSON error body', async () => {
    installFakeFetch({ 'GET /x': new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }) });
    const error = (await request('/x').catch((e) => e)) as ProblemError;
    expect(error.status).toBe(502);
    expect(error.message).toBe('Bad Gateway');
  });

  it('reports a network failure as a problem with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = (await request('/x').catch((e) => e)) as ProblemError;
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/could not be reached/);
  });
});

describe('fieldErrors', () => {
  it("reads a 422's {field, message} entries by field, the first per field", () => {
    const error = new ProblemError({
      type: 'x',
      title: 'Invalid input',
      status: 422,
      errors: [
        { field: 'newPassword', message: 'must be at least 10 characters long' },
        { field: 'newPassword', message: 'later' },
        { field: 'currentPassword', message: 'is wrong' },
        'not an entry',
        null,
      ],
    });
    expect(fieldErrors(error)).toEqual({ newPassword: 'must be at least 10 characters long', currentPassword: 'is wrong' });
  });

  it('finds nothing in other errors', () => {
    expect(fieldErrors(new ProblemError({ type: 'x', title: 't', status: 429 }))).toEqual({});
    expect(fieldErrors(new Error('boom'))).toEqual({});
    expect(fieldErrors(undefined)).toEqual({});
  });
});

describe('buildUrl', () => {
  it('drops empty values and encodes the rest', () => {
    expect(buildUrl('/a', { x: 'a b', y: undefined, z: '', n: 0, t: true })).toBe('/a?x=a+b&n=0&t=true');
    expect(buildUrl('/a', {})).toBe('/a');
  });
});
