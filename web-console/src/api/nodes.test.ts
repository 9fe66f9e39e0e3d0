import { describe, expect, it, vi } from 'vitest';
import { baseFor, DOWN_FOR_MS, NodeDirectory, type KnownNode } from './nodes';

const ORIGIN = 'http://127.0.0.1:8081';

/** A Storage stand-in (the node test environment has no sessionStorage). */
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

const NODES: KnownNode[] = [
  { name: 'node-1', state: 'up', url: 'http://127.0.0.1:8081' },
  { name: 'node-2', state: 'up', url: 'http://127.0.0.1:8082/' },
  { name: 'node-3', state: 'up', url: 'http://127.0.0.1:8083' },
  { name: 'node-4', state: 'up', url: 'http://127.0.0.1:8084' },
];

function directory(options: { now?: () => number; storage?: Storage } = {}) {
  const storage = options.storage ?? memoryStorage();
  const dir = new NodeDirectory({ origin: () => ORIGIN, storage: () => storage, now: options.now });
  return { dir, storage };
}

describe('baseFor', () => {
  it("makes the page's own node relative and trims the others' trailing slash", () => {
    expect(baseFor('http://127.0.0.1:8081/', ORIGIN)).toBe('');
    expect(baseFor('http://127.0.0.1:8082/', ORIGIN)).toBe('http://127.0.0.1:8082');
    expect(baseFor('https://axion.example/console/', ORIGIN)).toBe('https://axion.example/console');
  });
});

describe('NodeDirectory.candidates', () => {
  it('offers up nodes with a URL, never the failed one, in list order after it', () => {
    // The console came through a load balancer, which handed it to node-2.
    const dir = new NodeDirectory({ origin: () => 'https://axion.example', storage: () => memoryStorage() });
    dir.remember({
      node: 'node-2',
      nodes: [
        ...NODES.slice(0, 2),
        { name: 'node-3', state: 'down', url: 'http://127.0.0.1:8083' },
        { name: 'node-4', state: 'up' },
        { name: 'node-5', state: 'up', url: null },
        { name: 'node-6', state: 'up', url: 'http://127.0.0.1:8086' },
      ],
    });
    expect(dir.candidates().map((n) => n.name)).toEqual(['node-6', 'node-1']);
  });

  it('knows the failed node by its URL when the console is on another one', () => {
    const { dir } = directory();
    dir.remember({ node: 'node-1', nodes: NODES });
    expect(dir.candidates('http://127.0.0.1:8083').map((n) => n.name)).toEqual(['node-4', 'node-1', 'node-2']);
  });

  it('has none before any node list was read', () => {
    const { dir } = directory();
    expect(dir.candidates()).toEqual([]);
    expect(dir.failover()).toBeNull();
    expect(dir.baseUrl).toBe('');
  });
});

describe('NodeDirectory.failover', () => {
  it('moves to the next node, absolute URL, remembered across a reload', () => {
    const { dir, storage } = directory();
    dir.remember({ node: 'node-1', nodes: NODES });
    expect(dir.baseUrl).toBe('');
    expect(dir.failover('')?.name).toBe('node-2');
    expect(dir.baseUrl).toBe('http://127.0.0.1:8082');
    expect(dir.currentNode).toBe('node-2');
    expect(dir.url('/api/v1/instances')).toBe('http://127.0.0.1:8082/api/v1/instances');
    expect(dir.socketOrigin().host).toBe('127.0.0.1:8082');

    const reloaded = new NodeDirectory({ origin: () => ORIGIN, storage: () => storage });
    expect(reloaded.baseUrl).toBe('http://127.0.0.1:8082');
    expect(reloaded.currentNode).toBe('node-2');
    expect(reloaded.known.map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
  });

  it('switches once when many requests fail at once, and the late ones go to the new node', () => {
    const { dir } = directory();
    dir.remember({ node: 'node-1', nodes: NODES });
    expect(dir.failover('')?.name).toBe('node-2');
    // A request sent to node-1 before the switch fails only now: nothing more changes.
    expect(dir.failover('')?.name).toBe('node-2');
    expect(dir.baseUrl).toBe('http://127.0.0.1:8082');
  });

  it('walks on past nodes that failed lately, and tries them again after a while', () => {
    let now = 1_000_000;
    const { dir } = directory({ now: () => now });
    dir.remember({ node: 'node-1', nodes: NODES });
    expect(dir.failover()?.name).toBe('node-2');
    expect(dir.failover()?.name).toBe('node-3');
    expect(dir.failover()?.name).toBe('node-4');
    // node-1, node-2 and node-3 all failed in the last 30 s: nothing left to try.
    expect(dir.failover()).toBeNull();
    expect(dir.currentNode).toBe('node-4');
    now += DOWN_FOR_MS + 1;
    // Back on the node that served the page: relative URLs again.
    expect(dir.failover()?.name).toBe('node-1');
    expect(dir.baseUrl).toBe('');
  });
});

describe('NodeDirectory.reachable', () => {
  it('tells of a switch once the new node answered, once, naming the node that failed first', () => {
    const { dir } = directory();
    const heard = vi.fn();
    dir.onSwitch(heard);
    dir.remember({ node: 'node-1', nodes: NODES });
    dir.failover();
    dir.failover(); // node-2 did not answer either
    dir.reachable('http://127.0.0.1:8082'); // a stale answer from node-2 confirms nothing
    expect(heard).not.toHaveBeenCalled();
    dir.reachable('http://127.0.0.1:8083');
    dir.reachable('http://127.0.0.1:8083');
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard.mock.calls[0][0]).toMatchObject({ from: 'node-1', to: { name: 'node-3' } });
  });
});

describe('NodeDirectory while the page unloads', () => {
  it('does not switch for the requests and socket the unload itself cuts', () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    const dir = new NodeDirectory({ origin: () => ORIGIN, storage: () => memoryStorage(), page: page as unknown as Window });
    dir.remember({ node: 'node-1', nodes: NODES });
    page.dispatchEvent(new Event('pagehide'));
    expect(dir.failover()).toBeNull();
    expect(dir.baseUrl).toBe('');
    // A navigation that did not happen after all: failover works again.
    vi.advanceTimersByTime(3000);
    expect(dir.failover()?.name).toBe('node-2');
    vi.useRealTimers();
  });
});
