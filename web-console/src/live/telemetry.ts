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

type Raw = Record<string, unknown>;

function num(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function sampleFrom(raw: Raw, fallbackName?: string): { name: string; cpuPercent: number; memoryBytes: number } | null {
  const name = (raw.instance ?? raw.name ?? fallbackName) as string | undefined;
  const usage = (raw.usage && typeof raw.usage === 'object' ? raw.usage : raw) as Raw;
  const cpu = num(usage.cpuPercent ?? usage.cpu ?? usage.cpuPercentOfLimit);
  const memory = num(usage.memoryBytes ?? usage.memory ?? usage.memoryUsageBytes);
  if (!name || typeof name !== 'string' || (cpu === undefined && memory === undefined)) return null;
  return { name, cpuPercent: cpu ?? 0, memoryBytes: memory ?? 0 };
}

/**
 * The telemetry payload's exact shape is the server's to choose; this accepts the plausible ones:
 * one sample, a list of samples, `{instances|samples: [...]}`, or a map from instance name to usage.
 */
export function parseTelemetry(data: unknown): Array<{ name: string; cpuPercent: number; memoryBytes: number }> {
  if (!data || typeof data !== 'object') return [];
  if (Array.isArray(data)) return data.flatMap((d) => (d && typeof d === 'object' ? [sampleFrom(d as Raw)].filter(notNull) : []));
  const raw = data as Raw;
  const list = raw.instances ?? raw.samples;
  if (Array.isArray(list)) return parseTelemetry(list);
  const single = sampleFrom(raw);
  if (single) return [single];
  return Object.entries(raw).flatMap(([name, value]) =>
    value && typeof value === 'object' ? [sampleFrom(value as Raw, name)].filter(notNull) : [],
  );
}

function notNull<T>(v: T | null): v is T {
  return v !== null;
}

export class TelemetryStore {
  private series = new Map<string, Sample[]>();
  private listeners = new Map<string, Set<() => void>>();
  private anyListeners = new Set<() => void>();

  push(name: string, sample: Sample): void {
    const previous = this.series.get(name) ?? [];
    // A new array per update: useSyncExternalStore compares snapshots by identity.
    const next = previous.length >= HISTORY ? [...previous.slice(previous.length - HISTORY + 1), sample] : [...previous, sample];
    this.series.set(name, next);
    this.listeners.get(name)?.forEach((l) => l());
  }

  ingest(data: unknown, at: string | number = Date.now()): void {
    const time = typeof at === 'number' ? at : new Date(at).getTime() || Date.now();
    for (const s of parseTelemetry(data)) this.push(s.name, { at: time, cpuPercent: s.cpuPercent, memoryBytes: s.memoryBytes });
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
