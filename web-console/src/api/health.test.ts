import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthApi } from './health';
import { configureClient, ProblemError } from './client';
import { installFakeFetch, json } from '../test/fakeFetch';
import { memberNames } from '../pages/HealthPage';

afterEach(() => vi.unstubAllGlobals());

describe('healthApi', () => {
  it('reads the health without a token', async () => {
    configureClient({ token: () => 'secret' });
    const body = {
      status: 'ok',
      version: '0.1.0',
      node: 'n1',
      lxd: { reachable: true, serverVersion: '5.0.2' },
      cluster: { members: ['n1'] },
    };
    const { calls } = installFakeFetch({ 'GET /api/v1/health': body });
    await expect(healthApi.get()).resolves.toEqual(body);
    expect(calls[0].headers.Authorization).toBeUndefined();
  });

  it('reads a 503 health as the degraded answer it is, with its checks', async () => {
    const body = {
      status: 'degraded',
      version: '0.1.0',
      node: 'n1',
      lxd: { reachable: false, serverVersion: null },
      cluster: { members: 1 },
      checks: [
        { name: 'lxd', status: 'critical', detail: 'LXD is unreachable', durationMs: 0 },
        { name: 'store', status: 'ok', detail: 'The store answers', durationMs: 1 },
      ],
    };
    installFakeFetch({ 'GET /api/v1/health': json(body, 503) });
    await expect(healthApi.get()).resolves.toEqual(body);
  });

  it('turns a 5xx problem into a ProblemError', async () => {
    installFakeFetch({
      'GET /api/v1/health': json({ type: 'x', title: 'Boom', status: 503, detail: 'down' }, 503, 'application/problem+json'),
    });
    const error = await healthApi.get().catch((e) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.message).toBe('down');
    expect(error.status).toBe(503);
  });

  it('names cluster members whatever their shape', () => {
    expect(memberNames(['a', 'b'])).toEqual(['a', 'b']);
    expect(memberNames([{ name: 'x' }, { address: '127.0.0.1:5701' }])).toEqual(['x', '127.0.0.1:5701']);
    expect(memberNames(1)).toEqual(['1 member']);
  });
});
