/**
 * Live CPU/memory samples from the `telemetry` channel, kept outside React Query: 500 instances at 1 Hz
 * would otherwise re-render whole tables every second. Each row subscribes to its own instance only.
 */

export interface Sample {
  at: number;
  cpuPercent: number;
  memoryBytes: number;
}

export const HISTORY = 60;

/** One instance of a usage frame, as axion-telemetry sends it (`InstanceUsage.toJson()`). */
export interface InstanceUsage {
  name: string;
  /** Null on an instance's first sample: CPU use needs two readings. */
  cpuPercent: number | null;
  cpuPercentOfHost?: number | null;
  cpuLimit?: number | null;
  cpuSeconds?: number;
  memoryBytes: number;
  memoryLimitBytes?: number | null;
}

/**
 * The `telemetry` channel's `usage` event: one per host and sweep (every second). A connection's first frame of a
 * host is full; later ones are mostly deltas (`delta: true`): only the instances whose figures changed since the
 * previous frame of that host (`baseSeq`), and the names of those that are `gone` (docs/API.md).
 */
export interface UsageFrame {
  node: string;
  host?: string;
  seq: number;
  intervalMs: number;
  hostCpuThreads: number;
  instances: InstanceUsage[];
  delta?: boolean;
  baseSeq?: number;
  gone?: string[];
}

type Figures = { name: string; cpuPercent: number; memoryBytes: number };

/** The samples of a usage frame; anything else on the channel carries none. */
export function parseTelemetry(data: unknown): Array<{ name: string; cpuPercent: number; memoryBytes: number }> {
  const instances = (data as Partial<UsageFrame> | null)?.instances;
  if (!Array.isArray(instances)) return [];
  return instances
    .filter((u) => typeof u?.name === 'string')
    .map((u) => ({ name: u.name, cpuPercent: u.cpuPercent ?? 0, memoryBytes: u.memoryBytes ?? 0 }));
}

export class TelemetryStore {
  private series = new Map<string, Sample[]>();
  /** Every instance's latest figures per host, so that a delta frame still gives each of them a sample. */
  private hosts = new Map<string, Map<string, Figures>>();
  private listeners = new Map<string, Set<() => void>>();
  private anyListeners = new Set<() => void>();

  push(name: string, sample: Sample): void {
    const previous = this.series.get(name) ?? [];
    // A new array per update: useSyncExternalStore compares snapshots by identity.
    const next = previous.length >= HISTORY ? [...previous.slice(previous.length - HISTORY + 1), sample] : [...previous, sample];
    this.series.set(name, next);
    this.listeners.get(name)?.forEach((l) => l());
  }

  /** Takes one usage frame (full or delta), stamped with the event's time. */
  ingest(data: unknown, at: string | number = Date.now()): void {
    const time = typeof at === 'number' ? at : new Date(at).getTime() || Date.now();
    const frame = (data ?? {}) as Partial<UsageFrame>;
    const key = String(frame.host ?? frame.node ?? '');
    let current = this.hosts.get(key);
    if (frame.delta !== true || !current) {
      // A full frame replaces what was known of its host (a delta without one to apply to still holds figures).
      current = new Map();
      this.hosts.set(key, current);
    }
    if (frame.delta === true && Array.isArray(frame.gone)) {
      for (const name of frame.gone) current.delete(name);
    }
    for (const s of parseTelemetry(data)) current.set(s.name, s);
    for (const s of current.values()) this.push(s.name, { at: time, cpuPercent: s.cpuPercent, memoryBytes: s.memoryBytes });
    this.anyListeners.forEach((l) => l());
  }

  get(name: string): Sample[] {
    return this.series.get(name) ?? EMPTY;
  }

  latest(name: string): Sample | undefined {
    const s = this.series.get(name);
    return s?.[s.length - 1];
  }

  forget(name: string): void {
    this.series.delete(name);
  }

  clear(): void {
    this.series.clear();
    this.hosts.clear();
  }

  subscribe(name: string, listener: () => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0) this.listeners.delete(name);
    };
  }

  subscribeAny(listener: () => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }
}

const EMPTY: Sample[] = [];

export const telemetry = new TelemetryStore();
