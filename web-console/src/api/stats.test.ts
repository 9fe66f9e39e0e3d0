import { describe, expect, it } from 'vitest';
import { statsPath, toColumns } from './stats';

describe('stats', () => {
  it('names the route of each subject', () => {
    expect(statsPath({ kind: 'instance', name: 'web 1' })).toBe('/api/v1/instances/web%201/stats');
    expect(statsPath({ kind: 'host', name: 'lxd-1' })).toBe('/api/v1/hosts/lxd-1/stats');
    expect(statsPath({ kind: 'cluster' })).toBe('/api/v1/cluster/stats');
  });

  it('turns points into columns and breaks the line over a gap', () => {
    const [t, min, avg, max] = toColumns({
      metric: 'cpu',
      step: 10,
      points: [
        { t: '2026-01-01T00:00:00Z', min: 1, avg: 2, max: 3 },
        { t: '2026-01-01T00:00:10Z', min: 2, avg: 3, max: 4 },
        { t: '2026-01-01T00:05:00Z', min: 5, avg: 6, max: 7 },
      ],
    });
    const start = Date.parse('2026-01-01T00:00:00Z') / 1000;
    expect(t).toEqual([start, start + 10, start + 20, start + 300]);
    expect(avg).toEqual([2, 3, null, 6]);
    expect(min[3]).toBe(5);
    expect(max[1]).toBe(4);
  });

  it('has no columns without an answer', () => {
    expect(toColumns(undefined)).toEqual([[], [], [], []]);
  });
});
