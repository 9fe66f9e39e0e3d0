import { authApi } from './auth';
import { ProblemError } from './client';

export type Channel = 'telemetry' | 'jobs' | 'instances';

export interface EventMessage<T = unknown> {
  channel: Channel | string;
  type: string;
  data: T;
  at: string;
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed';

/** ws(s)://host/path?ticket=… for the page's own origin. The ticket is single-use; the JWT never goes in a URL. */
export function wsUrl(path: string, ticket: string, origin: Location | URL = window.location): string {
  const scheme = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${origin.host}${path}?ticket=${encodeURIComponent(ticket)}`;
}

/** Opens a WebSocket for `path` with a fresh ticket (or none, on a server without the auth feature). */
export async function openTicketedSocket(path: string): Promise<WebSocket> {
  let ticket: string;
  try {
    ticket = (await authApi.wsTicket()).ticket;
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) {
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      return new WebSocket(`${scheme}//${window.location.host}${path}`);
    }
    throw error;
  }
  return new WebSocket(wsUrl(path, ticket));
}

export function parseEvent(raw: unknown): EventMessage | null {
  if (typeof raw !== 'string') return null;
  try {
    const message = JSON.parse(raw) as EventMessage;
    if (!message || typeof message !== 'object' || typeof message.channel !== 'string') return null;
    return message;
  } catch {
    return null;
  }
}

type Listener = (message: EventMessage) => void;
type StateListener = (state: ConnectionState) => void;

interface EventStreamOptions {
  open?: (path: string) => Promise<WebSocket>;
  /** Back-off between reconnects, in ms, by attempt number. */
  backoff?: (attempt: number) => number;
  subscribe?: Channel[];
}

/**
 * The console's one `/ws/events` socket. It reconnects with back-off (never polls); listeners hear
 * every message, and `onReconnect` lets caches refetch what may have been missed while it was down.
 */
export class EventStream {
  private socket: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private stateListeners = new Set<StateListener>();
  private reconnectListeners = new Set<() => void>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private everOpened = false;
  private current: ConnectionState = 'idle';
  private readonly open: (path: string) => Promise<WebSocket>;
  private readonly backoff: (attempt: number) => number;
  private readonly channels?: Channel[];

  constructor(options: EventStreamOptions = {}) {
    this.open = options.open ?? openTicketedSocket;
    this.backoff = options.backoff ?? ((n) => Math.min(30_000, 1000 * 2 ** Math.min(n, 5)));
    this.channels = options.subscribe;
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= 1) socket.close(1000, 'logout');
    this.setState('idle');
  }

  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private setState(state: ConnectionState) {
    if (state === this.current) return;
    this.current = state;
    this.stateListeners.forEach((l) => l(state));
  }

  private async connect(): Promise<void> {
    this.setState('connecting');
    let socket: WebSocket;
    try {
      socket = await this.open('/ws/events');
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      socket.close(1000, 'stopped');
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      if (this.channels) socket.send(JSON.stringify({ subscribe: this.channels }));
      this.setState('open');
      if (reconnected) this.reconnectListeners.forEach((l) => l());
    };
    socket.onmessage = (event: MessageEvent) => {
      const message = parseEvent(event.data);
      if (message) this.listeners.forEach((l) => l(message));
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      /* onclose follows and reconnects */
    };
  }

  private scheduleReconnect() {
    if (this.stopped) return;
    this.setState('closed');
    const delay = this.backoff(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }
}
