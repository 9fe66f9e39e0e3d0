import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { applyClusterEvent, clusterApi, hostChoiceLabel, hostNames, hostsApi, type Cluster } from './cluster';
import { configureClient, describeError } from './client';
import { keys } from './keys';
import { nodes } from './nodes';
import { handleEvent } from '../live/LiveContext';
import { installFakeFetch, problem } from '../test/fakeFetch';
import { sampleCluster } from '../test/clusterFixture';

beforeEach(() => {
  configureClient({ token: () => 'tok-admin' });
  nodes.reset();
});
afterEach(() => {
  vi.unstubAllGlobals();
  nodes.reset();
});

describe('clusterApi', () => {
  it('reads the cluster with the bearer token and hands the node list to failover', async () => {
    const { calls } = installFakeFetch({ 'GET /api/v1/cluster': sampleCluster() });
    await expect(clusterApi.get()).resolves.toEqual(sampleCluster());
    expect(calls[0].headers.Authorization).toBe('Bearer tok-admin');
    expect(nodes.currentNode).toBe('node-2');
    expect(nodes.known.map((n) => [n.name, n.url])).toEqual([
      ['node-1', 'http://127.0.0.1:8081'],
      ['node-2', null],
    ]);
  });
});

describe('hostsApi', () => {
  it('lists, adds and removes hosts', async () => {
    const added = { ...sampleCluster().hosts[0], name: 'lxd-3', url: 'https://lxd-3:8443', project: 'default' };
    const { calls } = installFakeFetch({
      'GET /api/v1/hosts': [added],
      'POST /api/v1/hosts': added,
      'DELETE /api/v1/hosts/lxd-3': new Response(null, { status: 204 }),
    });
    await expect(hostsApi.list()).resolves.toEqual([added]);
    await expect(hostsApi.add({ name: 'lxd-3', url: 'https://lxd-3:8443', project: 'default' })).resolves.toEqual(added);
    expect(calls[1].body).toEqual({ name: 'lxd-3', url: 'https://lxd-3:8443', project: 'default' });
    await expect(hostsApi.remove('lxd-3')).resolves.toBeUndefined();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/v1/hosts', 'POST /api/v1/hosts', 'DELETE /api/v1/hosts/lxd-3']);
  });

  it("turns the 409 of a host still in use into the server's sentence", async () => {
    installFakeFetch({ 'DELETE /api/v1/hosts/lxd-2': problem(409, 'host-in-use', "Host 'lxd-2' still has 2 instance(s)") });
    const error = await hostsApi.remove('lxd-2').catch((e) => e);
    expect(error.status).toBe(409);
    expect(describeError(error)).toBe("Host 'lxd-2' still has 2 instance(s)");
  });
});

describe('applyClusterEvent', () => {
  const event = (type: string, data: unknown) => ({ channel: 'cluster', type, data, at: 't' });

  it('replaces an updated host and moves it between the nodes that own it', () => {
    const moved = { ...sampleCluster().hosts[0], owner: 'node-2', state: 'online', url: null, socket: '/var/lib/lxd/unix.socket', project: 'default' };
    const next = applyClusterEvent(sampleCluster(), event('host-updated', moved))!;
    expect(next.hosts[0]).toMatchObject({ name: 'lxd-1', owner: 'node-2' });
    expect(next.nodes.map((n) => n.hosts)).toEqual([[], ['lxd-1', 'lxd-2']]);
  });

  it('adds a host it did not know, and drops a removed one', () => {
    const added = { name: 'lxd-3', owner: null, state: 'unowned', home: 'node-1', capacity: { cpu: 0, memoryMiB: 0 }, allocated: { cpu: 0, memoryMiB: 0, instances: 0 } };
    const withThree = applyClusterEvent(sampleCluster(), event('host-updated', added))!;
    expect(withThree.hosts.map((h) => h.name)).toEqual(['lxd-1', 'lxd-2', 'lxd-3']);
    const without = applyClusterEvent(withThree, event('host-removed', { name: 'lxd-1' }))!;
    expect(without.hosts.map((h) => h.name)).toEqual(['lxd-2', 'lxd-3']);
    expect(without.nodes[0].hosts).toEqual([]);
  });

  it('drops a node that left; a joined node waits for the refetch; nothing cached stays nothing', () => {
    expect(applyClusterEvent(sampleCluster(), event('node-left', { node: 'node-1' }))!.nodes.map((n) => n.name)).toEqual(['node-2']);
    expect(applyClusterEvent(sampleCluster(), event('node-joined', { node: 'node-3' }))).toEqual(sampleCluster());
    expect(applyClusterEvent(undefined, event('node-left', { node: 'node-1' }))).toBeUndefined();
    expect(applyClusterEvent(sampleCluster(), event('host-updated', { nonsense: true }))).toEqual(sampleCluster());
  });
});

describe('handleEvent on the cluster channel', () => {
  it('patches the cached cluster at once; refetches it on node events only', () => {
    const client = new QueryClient();
    client.setQueryData(keys.cluster, sampleCluster());
    const spy = vi.spyOn(client, 'invalidateQueries');
    const offline = { ...sampleCluster().hosts[1], state: 'offline' };
    handleEvent(client, { channel: 'cluster', type: 'host-updated', at: 't', data: offline });
    expect(client.getQueryData<Cluster>(keys.cluster)!.hosts[1].state).toBe('offline');
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['hosts']]);
    spy.mockClear();
    handleEvent(client, { channel: 'cluster', type: 'node-joined', at: 't', data: { node: 'node-3' } });
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['cluster']]);
  });
});

describe('hostNames', () => {
  it("lists the cluster's hosts and the instances' own, once each, sorted", () => {
    expect(hostNames(sampleCluster(), ['lxd-9', 'lxd-1', null, undefined, ''])).toEqual(['lxd-1', 'lxd-2', 'lxd-9']);
    expect(hostNames(undefined, ['b', 'a'])).toEqual(['a', 'b']);
  });
});

describe('hostChoiceLabel (the create page\'s Host select)', () => {
  const host = { name: 'lxd-1', owner: 'node-1', state: 'online', capacity: { cpu: 4, memoryMiB: 8192 }, allocated: { cpu: 1, memoryMiB: 1024, instances: 1 } };
  it('shows the free room of an online host, and why another cannot be chosen', () => {
    expect(hostChoiceLabel(host)).toBe('lxd-1 — 3 cores, 7 GiB free');
    expect(hostChoiceLabel({ ...host, capacity: { cpu: 0, memoryMiB: 0 } })).toBe('lxd-1');
    expect(hostChoiceLabel({ ...host, state: 'unowned' })).toBe('lxd-1 (unowned)');
  });
});
