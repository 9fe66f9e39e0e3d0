import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient, fieldErrors } from './client';
import { authApi, canAct, isAdmin } from './auth';
import { instancesApi } from './instances';
import { jobsApi, asJob, isTerminal } from './jobs';
import { quotaApi, quotaLeft } from './quota';
import { snapshotsApi } from './snapshots';
import { forwardsApi } from './forwards';
import { filesApi } from './files';
import { imagesApi, imageLabel, imageRef } from './images';
import { usersApi } from './users';
import { auditApi, toAuditEntry } from './audit';
import { capabilitiesApi, ALL_CAPABILITIES } from './capabilities';
import { installFakeFetch, json, problem } from '../test/fakeFetch';

const job = { id: 'j1', type: 'create', instance: 'web-1', state: 'PENDING' };

beforeEach(() => configureClient({ token: () => 'tok', onUnauthorized: () => undefined }));
afterEach(() => vi.unstubAllGlobals());

describe('authApi', () => {
  it('logs in anonymously and asks for a ws ticket with the token', async () => {
    const { calls } = installFakeFetch({
      'POST /api/v1/auth/login': { token: 't', expiresAt: '2030-01-01T00:00:00Z', user: { username: 'admin', role: 'admin' } },
      'POST /api/v1/auth/ws-ticket': { ticket: 'abc', expiresAt: '2030-01-01T00:00:30Z' },
      'GET /api/v1/auth/me': { username: 'admin', role: 'admin' },
    });
    const login = await authApi.login('admin', 'pw');
    expect(login.user.role).toBe('admin');
    expect(calls[0].body).toEqual({ username: 'admin', password: 'pw' });
    expect(calls[0].headers.Authorization).toBeUndefined();
    expect((await authApi.wsTicket()).ticket).toBe('abc');
    expect(calls[1].headers.Authorization).toBe('Bearer tok');
    expect((await authApi.me()).username).toBe('admin');
  });

  it('changes the own password with the token and answers the fresh one', async () => {
    const { calls } = installFakeFetch({
      'POST /api/v1/auth/password': { token: 'fresh', expiresAt: '2030-01-01T00:00:00Z', user: { username: 'alice', role: 'operator' } },
    });
    const result = await authApi.changePassword('old-password-1', 'new-password-2');
    expect(result.token).toBe('fresh');
    expect(result.user.username).toBe('alice');
    expect(calls[0].method).toBe('POST');
    expect(calls[0].headers.Authorization).toBe('Bearer tok');
    expect(calls[0].body).toEqual({ currentPassword: 'old-password-1', newPassword: 'new-password-2' });
  });

  it('passes the field errors of a refused password change through', async () => {
    installFakeFetch({
      'POST /api/v1/auth/password': problem(422, 'validation', 'newPassword: must differ from the current password', {
        errors: [{ field: 'newPassword', message: 'must differ from the current password' }],
      }),
    });
    const error = await authApi.changePassword('same-password', 'same-password').catch((e) => e);
    expect(error).toMatchObject({ status: 422 });
    expect(fieldErrors(error)).toEqual({ newPassword: 'must differ from the current password' });
  });

  it('knows what each role may do', () => {
    expect(canAct('viewer')).toBe(false);
    expect(canAct('operator')).toBe(true);
    expect(isAdmin('operator')).toBe(false);
    expect(isAdmin('admin')).toBe(true);
  });
});

describe('instancesApi', () => {
  it('lists, gets and encodes names', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/instances': [{ name: 'a', status: 'Running' }],
      'GET /api/v1/instances/a': { name: 'a', status: 'Running', config: {}, snapshots: [] },
    });
    expect(await instancesApi.list()).toHaveLength(1);
    expect((await instancesApi.get('a')).config).toEqual({});
    expect(calls.map((c) => c.method)).toEqual(['GET', 'GET']);
  });

  it('creates with the contract body and answers the job', async () => {
    const { calls } = installFakeFetch({ 'POST /api/v1/instances': json(job, 202) });
    const spec = { name: 'web-1', image: 'busybox', cpu: 2, memoryMiB: 512, diskGiB: 5, cloudInit: '#cloud-config\n', start: false };
    expect(await instancesApi.create(spec)).toEqual(job);
    expect(calls[0].body).toEqual(spec);
  });

  it('resizes with PATCH and sends lifecycle actions', async () => {
    const { calls } = installFakeFetch({
      'PATCH /api/v1/instances/web-1': json(job, 202),
      'POST /api/v1/instances/web-1/start': json(job, 202),
      'POST /api/v1/instances/web-1/stop': json(job, 202),
      'POST /api/v1/instances/web-1/restart': json(job, 202),
      'DELETE /api/v1/instances/web-1': json(job, 202),
    });
    await instancesApi.resize('web-1', { memoryMiB: 1024 });
    await instancesApi.start('web-1');
    await instancesApi.stop('web-1');
    await instancesApi.stop('web-1', true);
    await instancesApi.restart('web-1');
    await instancesApi.remove('web-1');
    expect(calls[0].body).toEqual({ memoryMiB: 1024 });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'PATCH /api/v1/instances/web-1',
      'POST /api/v1/instances/web-1/start',
      'POST /api/v1/instances/web-1/stop',
      'POST /api/v1/instances/web-1/stop?force=true',
      'POST /api/v1/instances/web-1/restart',
      'DELETE /api/v1/instances/web-1',
    ]);
  });

  it('surfaces a 409 name collision', async () => {
    installFakeFetch({ 'POST /api/v1/instances': problem(409, 'conflict', 'web-1 exists') });
    await expect(instancesApi.create({ name: 'web-1', image: 'x', cpu: 1, memoryMiB: 64 })).rejects.toThrow('web-1 exists');
  });
});

describe('jobsApi', () => {
  it('filters by query and reads one job', async () => {
    const { calls } = installFakeFetch({ 'GET /api/v1/jobs': [job], 'GET /api/v1/jobs/j1': job });
    await jobsApi.list({ instance: 'web-1', state: 'FAILED', limit: 5 });
    await jobsApi.list();
    expect(calls[0].url).toBe('/api/v1/jobs?instance=web-1&state=FAILED&limit=5');
    expect(calls[1].url).toBe('/api/v1/jobs');
    expect(await jobsApi.get('j1')).toEqual(job);
  });

  it('tells jobs and end states apart', () => {
    expect(asJob(job)).toBe(job);
    expect(asJob({ hostPort: 1 })).toBeNull();
    expect(asJob(undefined)).toBeNull();
    expect(isTerminal('COMPLETED')).toBe(true);
    expect(isTerminal('FAILED')).toBe(true);
    expect(isTerminal('IN_PROGRESS')).toBe(false);
  });
});

describe('quotaApi', () => {
  it('gets and puts limits', async () => {
    const q = { cpu: { limit: 8, allocated: 3, physical: 4 }, memoryMiB: { limit: 4096, allocated: 1024, physical: 8192 } };
    const { calls } = installFakeFetch({ 'GET /api/v1/quota': q, 'PUT /api/v1/quota': q });
    expect(await quotaApi.get()).toEqual(q);
    await quotaApi.put({ cpu: 8, memoryMiB: 4096 });
    expect(calls[1].body).toEqual({ cpu: 8, memoryMiB: 4096 });
    expect(quotaLeft(q.cpu)).toBe(5);
    expect(quotaLeft({ limit: 2, allocated: 5, physical: 2 })).toBe(0);
    expect(quotaLeft(undefined)).toBe(Infinity);
  });
});

describe('snapshotsApi', () => {
  it('uses the nested routes', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/instances/a/snapshots': [{ name: 's1' }],
      'POST /api/v1/instances/a/snapshots': json(job, 202),
      'POST /api/v1/instances/a/snapshots/s1/restore': json(job, 202),
      'DELETE /api/v1/instances/a/snapshots/s1': json(job, 202),
    });
    await snapshotsApi.list('a');
    await snapshotsApi.create('a', 's1');
    await snapshotsApi.restore('a', 's1');
    await snapshotsApi.remove('a', 's1');
    expect(calls[1].body).toEqual({ name: 's1' });
    expect(calls.map((c) => c.method)).toEqual(['GET', 'POST', 'POST', 'DELETE']);
  });
});

describe('forwardsApi', () => {
  it('adds (201 or 202) and removes (204 or 202)', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/instances/a/forwards': [],
      'POST /api/v1/instances/a/forwards': json({ hostPort: 20080, containerPort: 80, protocol: 'tcp' }, 201),
      'DELETE /api/v1/instances/a/forwards/20080': new Response(null, { status: 204 }),
    });
    await forwardsApi.list('a');
    const created = await forwardsApi.create('a', { hostPort: 20080, containerPort: 80, protocol: 'tcp' });
    expect(asJob(created)).toBeNull();
    expect(await forwardsApi.remove('a', 20080)).toBeUndefined();
    expect(calls[1].body).toEqual({ hostPort: 20080, containerPort: 80, protocol: 'tcp' });
  });
});

describe('filesApi', () => {
  it('tells a directory listing from file bytes', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/instances/a/files': (call) =>
        call.url.includes('path=%2Froot%2Fx.txt')
          ? new Response('hello', { headers: { 'Content-Type': 'application/octet-stream' } })
          : json({ type: 'directory', entries: [{ name: 'x.txt', type: 'file', size: 5 }] }),
    });
    const dir = await filesApi.browse('a', '/root');
    expect(dir).toEqual({ kind: 'directory', entries: [{ name: 'x.txt', type: 'file', size: 5 }] });
    const file = await filesApi.browse('a', '/root/x.txt');
    expect(file.kind).toBe('file');
    if (file.kind === 'file') expect(await file.blob.text()).toBe('hello');
    expect(calls[0].url).toBe('/api/v1/instances/a/files?path=%2Froot');
  });

  it('writes raw bytes, makes directories and deletes', async () => {
    const { calls } = installFakeFetch({
      'PUT /api/v1/instances/a/files': new Response(null, { status: 204 }),
      'DELETE /api/v1/instances/a/files': new Response(null, { status: 204 }),
    });
    await filesApi.write('a', '/root/x.txt', 'new text');
    await filesApi.mkdir('a', '/root/dir');
    await filesApi.remove('a', '/root/x.txt');
    expect(calls[0].headers['Content-Type']).toBe('application/octet-stream');
    expect(calls[0].body).toBe('new text');
    expect(calls[1].url).toBe('/api/v1/instances/a/files?path=%2Froot%2Fdir&type=directory');
    expect(calls[2].method).toBe('DELETE');
  });

  it('passes a 422 for a bad path through', async () => {
    installFakeFetch({ 'GET /api/v1/instances/a/files': problem(422, 'invalid-path', 'path: ".." is not allowed') });
    await expect(filesApi.browse('a', '/../etc')).rejects.toThrow('".." is not allowed');
  });
});

describe('imagesApi', () => {
  it('lists images and picks a reference and a label', async () => {
    const image = { fingerprint: 'abcdef0123456789', aliases: [{ name: 'debian/12' }], description: 'Debian', size: 1, architecture: 'x86_64' };
    installFakeFetch({ 'GET /api/v1/images': [image] });
    expect(await imagesApi.list()).toHaveLength(1);
    expect(imageRef(image)).toBe('debian/12');
    expect(imageLabel(image)).toBe('debian/12 — Debian');
    const bare = { fingerprint: 'abcdef0123456789', aliases: [] };
    expect(imageRef(bare)).toBe('abcdef0123456789');
    expect(imageLabel(bare)).toBe('abcdef012345');
  });
});

describe('usersApi', () => {
  it('lists, creates and deletes', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/users': [{ username: 'admin', role: 'admin' }],
      'POST /api/v1/users': json({ username: 'bob', role: 'viewer' }, 201),
      'DELETE /api/v1/users/bob': new Response(null, { status: 204 }),
    });
    await usersApi.list();
    await usersApi.create({ username: 'bob', password: 'longenough', role: 'viewer' });
    await usersApi.remove('bob');
    expect(calls[1].body).toEqual({ username: 'bob', password: 'longenough', role: 'viewer' });
    expect(calls[2].url).toBe('/api/v1/users/bob');
  });

  it("sets another user's password with PUT, the name encoded", async () => {
    const { calls } = installFakeFetch({ 'PUT /api/v1/users/bob.smith/password': new Response(null, { status: 204 }) });
    await expect(usersApi.setPassword('bob.smith', 'a-new-password')).resolves.toBeUndefined();
    expect(calls[0].method).toBe('PUT');
    expect(calls[0].headers.Authorization).toBe('Bearer tok');
    expect(calls[0].body).toEqual({ password: 'a-new-password' });
    const odd = installFakeFetch({ 'PUT /api/v1/users/a%2Fb/password': new Response(null, { status: 204 }) });
    await usersApi.setPassword('a/b', 'a-new-password');
    expect(odd.calls[0].url).toBe('/api/v1/users/a%2Fb/password');
  });

  it('surfaces an unknown user and a weak password', async () => {
    installFakeFetch({
      'PUT /api/v1/users/ghost/password': problem(404, 'not-found', 'No user ghost'),
      'PUT /api/v1/users/bob/password': problem(422, 'validation', 'password: must be at least 10 characters long', {
        errors: [{ field: 'password', message: 'must be at least 10 characters long' }],
      }),
    });
    await expect(usersApi.setPassword('ghost', 'a-new-password')).rejects.toMatchObject({ status: 404 });
    const weak = await usersApi.setPassword('bob', 'short').catch((e) => e);
    expect(fieldErrors(weak)).toEqual({ password: 'must be at least 10 characters long' });
  });

  it('surfaces a 403 for a non-admin', async () => {
    installFakeFetch({ 'GET /api/v1/users': problem(403, 'forbidden', 'Admins only.') });
    await expect(usersApi.list()).rejects.toMatchObject({ status: 403 });
  });
});

describe('auditApi', () => {
  it('reads the server\'s entries into rows', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/audit': [
        { id: 7, at: '2030-01-01T00:00:00Z', user: 'admin', action: 'request', method: 'POST', path: '/api/v1/instances', address: '127.0.0.1', status: 202 },
        { id: 6, at: '2030-01-01T00:00:00Z', user: 'admin', action: 'shell', method: 'ssh', path: 'axion:instance-stop web', address: '/127.0.0.1:50122', status: 200 },
      ],
    });
    const rows = await auditApi.list({ limit: 50 });
    expect(calls[0].url).toBe('/api/v1/audit?limit=50');
    expect(rows[0]).toEqual({ at: '2030-01-01T00:00:00Z', username: 'admin', action: 'request', target: 'POST /api/v1/instances', address: '127.0.0.1', outcome: '202' });
    expect(rows[1].target).toBe('ssh axion:instance-stop web');
  });

  it('shows who is unknown and a missing outcome plainly', () => {
    const row = toAuditEntry({ id: 1, at: 't', user: null, action: 'websocket', method: 'GET', path: '/ws/events', address: null, status: null });
    expect(row).toMatchObject({ username: '—', target: 'GET /ws/events', address: '', outcome: '—' });
  });
});

describe('capabilitiesApi', () => {
  it('reads the installed capabilities', async () => {
    installFakeFetch({ 'GET /api/v1/capabilities': { capabilities: ['instances', 'auth'] } });
    const caps = await capabilitiesApi.get();
    expect(caps.has('instances')).toBe(true);
    expect(caps.has('files')).toBe(false);
  });

  it('takes a server without the route to have everything', async () => {
    installFakeFetch({});
    const caps = await capabilitiesApi.get();
    expect([...caps].sort()).toEqual([...ALL_CAPABILITIES].sort());
  });

  it('passes other errors through', async () => {
    installFakeFetch({ 'GET /api/v1/capabilities': problem(401, 'unauthorized', 'no') });
    await expect(capabilitiesApi.get({ anonymous: true })).rejects.toMatchObject({ status: 401 });
  });
});
