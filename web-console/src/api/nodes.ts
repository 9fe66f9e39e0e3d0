/**
 * Which Axion node the console talks to. Every node serves the same API and console, and a token is valid on
 * all of them, so when the node in use stops answering the console carries on with another one from the last
 * node list it read (`GET /api/v1/cluster`). The HTTP client and the event stream ask this module for their
 * base URL; pages never see it.
 *
 * The base is '' while the console talks to the node that served it (relative URLs, as on a single node);
 * another node is another origin (another port), reached with absolute URLs.
 */

/** What the directory needs of a node of `GET /api/v1/cluster`. */
export interface KnownNode {
  name: string;
  state: string;
  /** The node's HTTP base URL (e.g. http://127.0.0.1:8082); a node without one cannot be switched to. */
  url?: string | null;
}

/** The parts of a `GET /api/v1/cluster` answer the directory learns from. */
export interface NodeList {
  node?: string | null;
  nodes?: KnownNode[] | null;
}

export interface NodeSwitch {
  /** The node that stopped answering, when its name is known. */
  from: string | null;
  to: KnownNode;
}

type SwitchListener = (change: NodeSwitch) => void;

/** How long a node that failed is passed over, so that two dead nodes are not tried in turn forever. */
export const DOWN_FOR_MS = 30_000;

const STORAGE_KEY = 'axion.node';

interface Stored {
  base: string;
  node: string | null;
  nodes: KnownNode[];
}

function sessionStore(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

function pageOrigin(): string {
  return typeof window === 'undefined' ? 'http://localhost' : window.location.origin;
}

/** A node's URL as a base for paths: no trailing slash; the page's own origin becomes '' (relative URLs). */
export function baseFor(url: string, origin: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  try {
    if (new URL(trimmed).origin === origin && new URL(trimmed).pathname.replace(/\/+$/, '') === '') return '';
  } catch {
    /* not a URL: used as given */
  }
  return trimmed;
}

export interface NodeDirectoryOptions {
  storage?: () => Storage | null;
  origin?: () => string;
  now?: () => number;
  /** Where page unloads are heard (the window); none in tests. */
  page?: Pick<Window, 'addEventListener'> | null;
}

export class NodeDirectory {
  private base = '';
  private node: string | null = null;
  private nodes: KnownNode[] = [];
  /** Node name -> until when it is passed over. */
  private downUntil = new Map<string, number>();
  /** A switch not yet confirmed by an answer of the new node: "Reconnected" is said only once it answers. */
  private pending: NodeSwitch | null = null;
  private listeners = new Set<SwitchListener>();
  /** Set while the page unloads: its own requests and sockets are cut then, which says nothing of the node. */
  private leaving = false;
  private readonly storage: () => Storage | null;
  private readonly origin: () => string;
  private readonly now: () => number;

  constructor(options: NodeDirectoryOptions = {}) {
    this.storage = options.storage ?? sessionStore;
    this.origin = options.origin ?? pageOrigin;
    this.now = options.now ?? Date.now;
    this.restore();
    const page = options.page === undefined ? (typeof window === 'undefined' ? null : window) : options.page;
    const leave = () => {
      this.leaving = true;
      // Still here a moment later: the navigation did not happen after all.
      setTimeout(() => (this.leaving = false), 3000);
    };
    page?.addEventListener('beforeunload', leave);
    page?.addEventListener('pagehide', leave);
  }

  /** '' for the page's own node, else the absolute base URL of the node in use. */
  get baseUrl(): string {
    return this.base;
  }

  /** The name of the node in use, once known. */
  get currentNode(): string | null {
    return this.node;
  }

  get known(): readonly KnownNode[] {
    return this.nodes;
  }

  /** The URL of an API path on the node in use. */
  url(path: string): string {
    return this.base + path;
  }

  /** The origin WebSockets go to (the node in use), for ws:// or wss://. */
  socketOrigin(): URL {
    return new URL(this.base || this.origin());
  }

  /** Takes a fresh node list; the node that answered it is evidently up. */
  remember(list: NodeList): void {
    if (Array.isArray(list.nodes)) {
      this.nodes = list.nodes.filter((n) => n && typeof n.name === 'string').map((n) => ({ name: n.name, state: n.state, url: n.url ?? null }));
    }
    if (list.node) {
      this.node = list.node;
      this.downUntil.delete(list.node);
    }
    this.save();
  }

  /**
   * The nodes worth trying instead of the one at `failedBase`: up, with a URL, not the failed node, not one
   * that failed in the last {@link DOWN_FOR_MS}; in list order starting after the failed node, so that
   * successive failures walk the list instead of all landing on its first entry.
   */
  candidates(failedBase: string = this.base): KnownNode[] {
    const failed = this.nodeAt(failedBase);
    const now = this.now();
    const usable = (n: KnownNode) =>
      n.state === 'up' &&
      !!n.url &&
      n.name !== failed &&
      baseFor(n.url, this.origin()) !== failedBase &&
      !((this.downUntil.get(n.name) ?? 0) > now);
    const start = failed ? this.nodes.findIndex((n) => n.name === failed) + 1 : 0;
    const rotated = [...this.nodes.slice(start), ...this.nodes.slice(0, start)];
    return rotated.filter(usable);
  }

  /**
   * The node at `failedBase` stopped answering: moves to the next candidate and answers it, or null when there
   * is none. A failure seen by a request sent before another one already switched changes nothing more (many
   * requests fail at once when a node dies) and answers the node now in use.
   */
  failover(failedBase: string = this.base): KnownNode | null {
    // A reload closes the socket (1001) and cuts requests: switching then would only forget the chosen node.
    if (this.leaving) return null;
    if (failedBase !== this.base) return this.current();
    const failed = this.nodeAt(failedBase);
    if (failed) this.downUntil.set(failed, this.now() + DOWN_FOR_MS);
    const next = this.candidates(failedBase)[0];
    if (!next?.url) return null;
    this.base = baseFor(next.url, this.origin());
    this.node = next.name;
    // A chain of switches (the first candidate was down too) is one change for whoever hears of it.
    this.pending = { from: this.pending?.from ?? failed, to: next };
    this.save();
    return next;
  }

  /** An answer came from `base`: confirms a pending switch there, which listeners then hear of (once). */
  reachable(base: string): void {
    if (base !== this.base || !this.pending) return;
    const change = this.pending;
    this.pending = null;
    this.listeners.forEach((l) => l(change));
  }

  /** Hears of each switch to another node, once that node has answered. */
  onSwitch(listener: SwitchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Back to the page's own node and no known nodes (tests). */
  reset(): void {
    this.base = '';
    this.node = null;
    this.nodes = [];
    this.downUntil.clear();
    this.pending = null;
    this.storage()?.removeItem(STORAGE_KEY);
  }

  private current(): KnownNode {
    return this.nodes.find((n) => n.name === this.node) ?? { name: this.node ?? 'another node', state: 'up', url: this.base || this.origin() };
  }

  /** The name of the node at a base, when the node list knows it (or it is the node in use). */
  private nodeAt(base: string): string | null {
    if (base === this.base && this.node) return this.node;
    return this.nodes.find((n) => n.url && baseFor(n.url, this.origin()) === base)?.name ?? null;
  }

  private save(): void {
    const stored: Stored = { base: this.base, node: this.node, nodes: this.nodes };
    try {
      this.storage()?.setItem(STORAGE_KEY, JSON.stringify(stored));
    } catch {
      /* a full or refused storage only costs staying put after a reload */
    }
  }

  /** A reload stays on the node chosen before it (sessionStorage: per tab, gone with the tab). */
  private restore(): void {
    const raw = this.storage()?.getItem(STORAGE_KEY);
    if (!raw) return;
    try {
      const stored = JSON.parse(raw) as Partial<Stored>;
      this.base = typeof stored.base === 'string' ? baseFor(stored.base, this.origin()) : '';
      this.node = typeof stored.node === 'string' ? stored.node : null;
      this.nodes = Array.isArray(stored.nodes) ? stored.nodes.filter((n) => n && typeof n.name === 'string') : [];
    } catch {
      this.storage()?.removeItem(STORAGE_KEY);
    }
  }
}

/** The console's one directory: the HTTP client and the event stream share it. */
export const nodes = new NodeDirectory();
