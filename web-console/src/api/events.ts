import { authApi } from './auth';
import { ProblemError } from './client';
import { nodes, type NodeDirectory } from './nodes';

export type Channel = 'telemetry' | 'jobs' | 'instances' | 'cluster';

export interface EventMessage<T = unknown> {
  channel: Channel | string;
  type: string;
  data: T;
  at: string;
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed';

/**
 * ws(s)://host/path?ticket=… on the node in use (the page's own origin unless the console failed over). The
 * ticket is single-use; the JWT never goes in a URL.
 */
export function wsUrl(path: string, ticket: string | null, origin: Location | URL = nodes.socketOrigin()): string {
  const scheme = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${origin.host}${path}${ticket === null ? '' : `?ticket=${encodeURIComponent(ticket)}`}`;
}

/** Opens a WebSocket for `path` with a fresh ticket (or none, on a server without the auth feature). */
export async function openTicketedSocket(path: string): Promise<WebSocket> {
  let ticket: string | null;
  try {
    ticket = (await authApi.wsTicket()).ticket;
  } catch (error) {
    if (!(error instanceof ProblemError && error.status === 404)) throw error;
    ticket = null;
  }
  // Read after the ticket: asking for it may have moved the console to another node (tickets work on all).
  return new WebSocket(wsUrl(path, ticket));
}

/**
 * Close codes that say the node went away rather than that it closed this client: 1001 (the node shuts
 * down), 1006 (the connection died without a close frame), 1012 (restart), 1014 (a proxy's bad gateway).
 * 4008 (too slow) and the like come from a node that is still there.
 */
export const NODE_GONE_CODES = new Set([1001, 1006, 1012, 1014]);

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
  /** Where the socket goes, and who moves it to another node when that one is gone. */
  directory?: NodeDirectory;
}

/**
 * The console's one `/ws/events` socket. It reconnects with back-off (never polls); listeners hear
 * every message, and `onReconnect` lets caches refetch what may have been missed while it was down.
 * When its node goes away it fails over to another node at once, and it follows the HTTP client there
 * when a request moved the console first.
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
  private readonly directory: NodeDirectory;
  /** The base URL of the node the current socket (or the attempt under way) is on. */
  private socketBase = '';
  private offSwitch: (() => void) | null = null;

  constructor(options: EventStreamOptions = {}) {
    this.open = options.open ?? openTicketedSocket;
    this.backoff = options.backoff ?? ((n) => Math.min(30_000, 1000 * 2 ** Math.min(n, 5)));
    this.channels = options.subscribe;
    this.directory = options.directory ?? nodes;
  }

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // The HTTP client moved to another node (a request found this one gone): the socket follows at once.
    this.offSwitch = this.directory.onSwitch(() => this.followDirectory());
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.offSwitch?.();
    this.offSwitch = null;
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

  /** Closes a socket that is on another node than the directory's, and reconnects there now. */
  private followDirectory() {
    if (this.stopped || this.socketBase === this.directory.baseUrl) return;
    const socket = this.socket;
    if (!socket) {
      // Between attempts: try the new node now instead of after the back-off.
      if (this.timer) this.reconnectNow();
      return;
    }
    this.socket = null;
    if (socket.readyState <= 1) socket.close(1000, 'moving to another node');
    this.reconnectNow();
  }

  private reconnectNow() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.attempt = 0;
    this.setState('closed');
    void this.connect();
  }

  private async connect(): Promise<void> {
    this.setState('connecting');
    this.socketBase = this.directory.baseUrl;
    let socket: WebSocket;
    try {
      socket = await this.open('/ws/events');
    } catch {
      // Asking for the ticket may have moved the console to another node: go there without waiting.
      if (this.directory.baseUrl !== this.socketBase) this.reconnectNow();
      else this.scheduleReconnect();
      return;
    }
    // The ticket request is what decided the node: the socket is on the base it was opened with.
    this.socketBase = this.directory.baseUrl;
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
      this.directory.reachable(this.socketBase);
      if (reconnected) this.reconnectListeners.forEach((l) => l());
    };
    socket.onmessage = (event: MessageEvent) => {
      const message = parseEvent(event.data);
      if (message) this.listeners.forEach((l) => l(message));
    };
    socket.onclose = (event?: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (NODE_GONE_CODES.has(event?.code ?? 1006) && this.directory.failover(this.socketBase)) {
        this.reconnectNow();
        return;
      }
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
