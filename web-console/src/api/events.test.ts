import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventStream, parseEvent, wsUrl } from './events';
import { NodeDirectory } from './nodes';

class FakeSocket {
  static OPEN = 1;
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e?: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(data: unknown) {
    this.onmessage?.({ data });
  }
  drop(code?: number) {
    this.readyState = 3;
    this.onclose?.(code === undefined ? undefined : { code });
  }
}

/** A directory on three nodes, the console served by node-1. */
function threeNodes() {
  const directory = new NodeDirectory({ origin: () => 'http://n1:8081', storage: () => null });
  directory.remember({
    node: 'node-1',
    nodes: [
      { name: 'node-1', state: 'up', url: 'http://n1:8081' },
      { name: 'node-2', state: 'up', url: 'http://n2:8082' },
      { name: 'node-3', state: 'up', url: 'http://n3:8083' },
    ],
  });
  return directory;
}

/** An EventStream on fake sockets that records the base URL each one was opened for. */
function streamOn(directory: NodeDirectory) {
  const sockets: Array<FakeSocket & { base: string }> = [];
  const open = vi.fn(async () => {
    const s = Object.assign(new FakeSocket(), { base: directory.baseUrl });
    sockets.push(s);
    return s as unknown as WebSocket;
  });
  const stream = new EventStream({ open, backoff: () => 5000, directory });
  return { stream, sockets, open };
}

afterEach(() => vi.useRealTimers());

describe('wsUrl', () => {
  it('puts only the ticket in the URL, on the page origin, ws or wss', () => {
    expect(wsUrl('/ws/events', 'a b', new URL('http://h:8080/x'))).toBe('ws://h:8080/ws/events?ticket=a%20b');
    expect(wsUrl('/ws/terminal/c1', 't', new URL('https://axion.example/'))).toBe('wss://axion.example/ws/terminal/c1?ticket=t');
    expect(wsUrl('/ws/events', null, new URL('http://h:8080/'))).toBe('ws://h:8080/ws/events');
  });

  it('goes to the node in use once the console failed over', () => {
    const directory = threeNodes();
    directory.failover();
    expect(wsUrl('/ws/events', 't', directory.socketOrigin())).toBe('ws://n2:8082/ws/events?ticket=t');
  });
});

describe('parseEvent', () => {
  it('accepts event messages and ignores the rest', () => {
    expect(parseEvent('{"channel":"jobs","type":"x","data":{},"at":"t"}')?.channel).toBe('jobs');
    expect(parseEvent('not json')).toBeNull();
    expect(parseEvent('{"nochannel":1}')).toBeNull();
    expect(parseEvent(new ArrayBuffer(2))).toBeNull();
  });
});

describe('EventStream', () => {
  it('delivers messages, subscribes, and reconnects with a fresh socket after a drop', async () => {
    vi.useFakeTimers();
    const sockets: FakeSocket[] = [];
    const open = vi.fn(async () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s as unknown as WebSocket;
    });
    const stream = new EventStream({ open, backoff: () => 1000, subscribe: ['jobs', 'telemetry'] });
    const messages: string[] = [];
    const states: string[] = [];
    const reconnects = vi.fn();
    stream.onMessage((m) => messages.push(m.type));
    stream.onState((s) => states.push(s));
    stream.onReconnect(reconnects);

    stream.start();
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    sockets[0].open();
    expect(sockets[0].sent).toEqual(['{"subscribe":["jobs","telemetry"]}']);
    sockets[0].receive('{"channel":"jobs","type":"job-completed","data":{},"at":"t"}');
    sockets[0].receive('garbage');
    expect(messages).toEqual(['job-completed']);

    sockets[0].drop();
    expect(stream.state).toBe('closed');
    await vi.advanceTimersByTimeAsync(1000);
    expect(open).toHaveBeenCalledTimes(2);
    sockets[1].open();
    expect(reconnects).toHaveBeenCalledTimes(1);
    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);

    stream.stop();
    expect(sockets[1].closed).toBe(true);
    expect(stream.state).toBe('idle');
    sockets[1].drop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('retries when no ticket can be had', async () => {
    vi.useFakeTimers();
    const open = vi.fn().mockRejectedValueOnce(new Error('401')).mockResolvedValue(new FakeSocket());
    const stream = new EventStream({ open, backoff: () => 500 });
    stream.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.state).toBe('closed');
    await vi.advanceTimersByTimeAsync(500);
    expect(open).toHaveBeenCalledTimes(2);
    stream.stop();
  });

  it('fails over at once when its node goes away (1006), and refetches what was missed', async () => {
    vi.useFakeTimers();
    const directory = threeNodes();
    const { stream, sockets } = streamOn(directory);
    const reconnects = vi.fn();
    const switched = vi.fn();
    stream.onReconnect(reconnects);
    directory.onSwitch(switched);
    stream.start();
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    sockets[0].open();
    expect(sockets[0].base).toBe('');

    sockets[0].drop(1006);
    await vi.advanceTimersByTimeAsync(0);
    // No back-off: the next socket is already on node-2.
    expect(sockets).toHaveLength(2);
    expect(sockets[1].base).toBe('http://n2:8082');
    expect(directory.currentNode).toBe('node-2');
    expect(switched).not.toHaveBeenCalled();
    sockets[1].open();
    expect(switched).toHaveBeenCalledTimes(1);
    expect(reconnects).toHaveBeenCalledTimes(1);
    stream.stop();
  });

  it('stays on its node when the node closed it on purpose (4008 too slow), and when no other node is known', async () => {
    vi.useFakeTimers();
    const directory = threeNodes();
    const { stream, sockets } = streamOn(directory);
    stream.start();
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    sockets[0].open();
    sockets[0].drop(4008);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sockets).toHaveLength(2);
    expect(sockets[1].base).toBe('');
    stream.stop();

    const alone = new NodeDirectory({ origin: () => 'http://n1:8081', storage: () => null });
    const single = streamOn(alone);
    single.stream.start();
    await vi.waitFor(() => expect(single.sockets).toHaveLength(1));
    single.sockets[0].open();
    single.sockets[0].drop(1006);
    await vi.advanceTimersByTimeAsync(0);
    expect(single.sockets).toHaveLength(1);
    expect(single.stream.state).toBe('closed');
    await vi.advanceTimersByTimeAsync(5000);
    expect(single.sockets[1].base).toBe('');
    single.stream.stop();
  });

  it('follows the HTTP client to another node', async () => {
    vi.useFakeTimers();
    const directory = threeNodes();
    const { stream, sockets } = streamOn(directory);
    stream.start();
    await vi.waitFor(() => expect(sockets).toHaveLength(1));
    sockets[0].open();
    // A request found node-1 gone and moved the console; node-2 answered it.
    directory.failover('');
    directory.reachable('http://n2:8082');
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets[0].closed).toBe(true);
    expect(sockets).toHaveLength(2);
    expect(sockets[1].base).toBe('http://n2:8082');
    stream.stop();
  });
});
