import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventStream, parseEvent, wsUrl } from './events';

class FakeSocket {
  static OPEN = 1;
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
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
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

afterEach(() => vi.useRealTimers());

describe('wsUrl', () => {
  it('puts only the ticket in the URL, on the page origin, ws or wss', () => {
    expect(wsUrl('/ws/events', 'a b', new URL('http://h:8080/x'))).toBe('ws://h:8080/ws/events?ticket=a%20b');
    expect(wsUrl('/ws/terminal/c1', 't', new URL('https://axion.example/'))).toBe('wss://axion.example/ws/terminal/c1?ticket=t');
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
});
