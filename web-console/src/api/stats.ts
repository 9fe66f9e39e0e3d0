import { request } from './client';

/** The figures `GET …/stats` keeps (docs/API.md, "Statistics"). */
export type StatsMetric = 'cpu' | 'memory' | 'diskRead' | 'diskWrite' | 'netRx' | 'netTx';

/** The windows the plots offer; the server picks the tier (1 s, 10 s, 1 min, 10 min, 1 h) from `from`. */
export type StatsRange = 'hour' | 'day' | 'week' | 'month' | 'year';

export const RANGES: Array<{ id: StatsRange; label: string; from: string; refreshMs: number }> = [
  { id: 'hour', label: 'Hour', from: '-1h', refreshMs: 10_000 },
  { id: 'day', label: 'Day', from: '-1d', refreshMs: 10_000 },
  { id: 'week', label: 'Week', from: '-7d', refreshMs: 60_000 },
  { id: 'month', label: 'Month', from: '-30d', refreshMs: 600_000 },
  { id: 'year', label: 'Year', from: '-1y', refreshMs: 3_600_000 },
];

export interface StatsPoint {
  t: string;
  min: number;
  avg: number;
  max: number;
}

export interface StatsAnswer {
  metric: StatsMetric;
  /** Seconds per bucket. */
  step: number;
  points: StatsPoint[];
}

/** Whose statistics: an instance, a host (the sums of its instances) or the whole cluster. */
export type StatsSubject = { kind: 'instance'; name: string } | { kind: 'host'; name: string } | { kind: 'cluster' };

export function statsPath(subject: StatsSubject): string {
  switch (subject.kind) {
    case 'instance':
      return `/api/v1/instances/${encodeURIComponent(subject.name)}/stats`;
    case 'host':
      return `/api/v1/hosts/${encodeURIComponent(subject.name)}/stats`;
    default:
      return '/api/v1/cluster/stats';
  }
}

export function fetchStats(subject: StatsSubject, metric: StatsMetric, range: StatsRange, signal?: AbortSignal): Promise<StatsAnswer> {
  const from = RANGES.find((r) => r.id === range)?.from ?? '-1h';
  return request<StatsAnswer>(statsPath(subject), { query: { metric, from }, signal });
}

/**
 * uPlot's columns: times in seconds, then min, avg and max. A gap longer than two steps (the instance was
 * stopped) gets a null row so that the line breaks instead of bridging it.
 */
export function toColumns(answer: StatsAnswer | undefined): [number[], Array<number | null>, Array<number | null>, Array<number | null>] {
  const t: number[] = [];
  const min: Array<number | null> = [];
  const avg: Array<number | null> = [];
  const max: Array<number | null> = [];
  if (!answer) return [t, min, avg, max];
  let previous: number | undefined;
  for (const p of answer.points) {
    const time = Date.parse(p.t) / 1000;
    if (previous !== undefined && time - previous > 2 * answer.step) {
      t.push(previous + answer.step);
      min.push(null);
      avg.push(null);
      max.push(null);
    }
    t.push(time);
    min.push(p.min);
    avg.push(p.avg);
    max.push(p.max);
    previous = time;
  }
  return [t, min, avg, max];
}
