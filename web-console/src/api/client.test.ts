import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildUrl, configureClient, describeError, fieldErrors, ProblemError, request } from './client';
import { installFakeFetch, json, problem } from '../test/fakeFetch';
import { nodes } from './nodes';

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

describe('request on a cluster: failover to another node', () => {
  const CLUSTER = {
    node: 'node-1',
    nodes: [
      { name: 'node-1', state: 'up', url: 'http://n1:8081' },
      { name: 'node-2', state: 'up', url: 'http://n2:8082' },
      { name: 'node-3', state: 'up', url: 'http://n3:8083' },
    ],
  };
  const refused = () => {
    throw new TypeError('Failed to fetch');
  };
  beforeEach(() => {
    nodes.reset();
    nodes.remember(CLUSTER);
  });
  afterEach(() => nodes.reset());

  it('repeats a read on the next node when the fetch rejects, with the same token, absolute URL', async () => {
    const { calls } = installFakeFetch({ 'GET /x': refused, 'GET http://n2:8082/x': json({ from: 'node-2' }) });
    await expect(request('/x', { query: { a: 1 } })).resolves.toEqual({ from: 'node-2' });
    expect(calls.map((c) => c.url)).toEqual(['/x?a=1', 'http://n2:8082/x?a=1']);
    expect(calls[1].headers.Authorization).toBe('Bearer tok-123');
    expect(nodes.baseUrl).toBe('http://n2:8082');
    expect(nodes.currentNode).toBe('node-2');
    // Later requests go straight to node-2.
    await request('/x');
    expect(calls[2].url).toBe('http://n2:8082/x');
  });

  it('walks on when the next node is down too, and gives up with a network problem when none answers', async () => {
    const { calls } = installFakeFetch({ 'GET /x': refused, 'GET http://n2:8082/x': refused, 'GET http://n3:8083/x': json({ from: 'node-3' }) });
    await expect(request('/x')).resolves.toEqual({ from: 'node-3' });
    expect(calls.map((c) => c.url)).toEqual(['/x', 'http://n2:8082/x', 'http://n3:8083/x']);

    nodes.reset();
    nodes.remember(CLUSTER);
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = (await request('/x').catch((e) => e)) as ProblemError;
    expect(error.status).toBe(0);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('fails over on a proxy 502/503/504 page, not on an Axion problem or a degraded health', async () => {
    const gateway = new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    const { calls } = installFakeFetch({ 'GET /x': gateway, 'GET http://n2:8082/x': json({ ok: true }) });
    await expect(request('/x')).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);

    nodes.reset();
    nodes.remember(CLUSTER);
    const lxd = installFakeFetch({
      'GET /y': problem(503, 'lxd-unreachable', 'LXD is unreachable'),
      'GET /api/v1/health': json({ status: 'degraded' }, 503),
    });
    const error = (await request('/y').catch((e) => e)) as ProblemError;
    expect(error.message).toBe('LXD is unreachable');
    await expect(request('/api/v1/health', { answerStatuses: [503] })).resolves.toEqual({ status: 'degraded' });
    expect(lxd.calls).toHaveLength(2);
    expect(nodes.baseUrl).toBe('');
  });

  it('moves a write to the next node without repeating it, and says so', async () => {
    const { calls } = installFakeFetch({ 'POST /x': refused, 'POST http://n2:8082/x': json({}) });
    const error = (await request('/x', { method: 'POST', body: { a: 1 } }).catch((e) => e)) as ProblemError;
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/now uses node-2; the POST was not repeated/);
    expect(calls).toHaveLength(1);
    expect(nodes.baseUrl).toBe('http://n2:8082');
  });

  it('tells of the switch only once the new node has answered', async () => {
    const heard = vi.fn();
    const off = nodes.onSwitch(heard);
    installFakeFetch({ 'GET /x': refused, 'GET http://n2:8082/x': json({}) });
    await request('/x');
    off();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard.mock.calls[0][0]).toMatchObject({ from: 'node-1', to: { name: 'node-2' } });
  });

  it('never fails over an aborted request', async () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(abort));
    await expect(request('/x')).rejects.toBe(abort);
    expect(nodes.baseUrl).toBe('');
  });
});
