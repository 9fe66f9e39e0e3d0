import { describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { parseTelemetry, TelemetryStore, HISTORY } from './telemetry';
import { ActivityLog, ACTIVITY_LIMIT } from './activity';
import { JobWatch } from './jobWatch';
import { handleEvent } from './LiveContext';
import { INVALIDATE_EVERY_MS } from './invalidations';
import type { Job } from '../api/jobs';

/** A usage frame of one node around the given instances. */
function frame(instances: Array<{ name: string; cpuPercent: number; memoryBytes: number }>) {
  return { node: 'vm', seq: 1, intervalMs: 1000, hostCpuThreads: 2, instances };
}

describe('parseTelemetry', () => {
  it('reads the server\'s usage frame (axion-telemetry), a first sample without CPU included', () => {
    const frame = {
      node: 'vm', seq: 12, intervalMs: 1000, hostCpuThreads: 2,
      instances: [
        { name: 'a', cpuPercent: 3.25, cpuPercentOfHost: 1.63, cpuLimit: 1, cpuSeconds: 0.054, memoryBytes: 417792, memoryLimitBytes: 67108864 },
        { name: 'b', cpuPercent: null, cpuPercentOfHost: null, cpuLimit: null, cpuSeconds: 0, memoryBytes: 4096, memoryLimitBytes: null },
      ],
    };
    expect(parseTelemetry(frame)).toEqual([
      { name: 'a', cpuPercent: 3.25, memoryBytes: 417792 },
      { name: 'b', cpuPercent: 0, memoryBytes: 4096 },
    ]);
  });

  it('finds no samples in anything else', () => {
    expect(parseTelemetry(null)).toEqual([]);
    expect(parseTelemetry({ nothing: 'useful' })).toEqual([]);
    expect(parseTelemetry({ instances: [{ cpuPercent: 1 }] })).toEqual([]);
  });
});

describe('TelemetryStore', () => {
  it('applies delta frames: unchanged instances keep their figures and still get a sample, gone ones stop', () => {
    const store = new TelemetryStore();
    const full = { node: 'n1', host: 'h1', seq: 1, intervalMs: 1000, hostCpuThreads: 2, instances: [
      { name: 'a', cpuPercent: 1, memoryBytes: 10 }, { name: 'b', cpuPercent: 2, memoryBytes: 20 },
      { name: 'c', cpuPercent: 3, memoryBytes: 30 }] };
    store.ingest(full, 1000);
    store.ingest({ ...full, seq: 2, delta: true, baseSeq: 1, instances: [{ name: 'b', cpuPercent: 5, memoryBytes: 21 }],
      gone: ['c'] }, 2000);
    expect(store.get('a')).toEqual([{ at: 1000, cpuPercent: 1, memoryBytes: 10 }, { at: 2000, cpuPercent: 1, memoryBytes: 10 }]);
    expect(store.latest('b')).toEqual({ at: 2000, cpuPercent: 5, memoryBytes: 21 });
    expect(store.get('c')).toHaveLength(1);
    // Another host's frames leave this host's figures alone; a full frame replaces them.
    store.ingest({ ...full, host: 'h2', seq: 9, instances: [{ name: 'x', cpuPercent: 7, memoryBytes: 70 }] }, 3000);
    expect(store.get('a')).toHaveLength(2);
    store.ingest({ ...full, seq: 3, instances: [{ name: 'a', cpuPercent: 4, memoryBytes: 11 }] }, 4000);
    store.ingest({ ...full, seq: 4, delta: true, baseSeq: 3, instances: [], gone: [] }, 5000);
    expect(store.latest('a')).toEqual({ at: 5000, cpuPercent: 4, memoryBytes: 11 });
    expect(store.get('b')).toHaveLength(2);
  });

  it('keeps the last minute per instance and tells only that instance', () => {
    const store = new TelemetryStore();
    const a = vi.fn();
    const b = vi.fn();
    store.subscribe('a', a);
    store.subscribe('b', b);
    for (let i = 0; i < HISTORY + 10; i++) store.ingest(frame([{ name: 'a', cpuPercent: i, memoryBytes: i }]), i * 1000);
    expect(store.get('a')).toHaveLength(HISTORY);
    expect(store.latest('a')?.cpuPercent).toBe(HISTORY + 9);
    expect(a).toHaveBeenCalledTimes(HISTORY + 10);
    expect(b).not.toHaveBeenCalled();
    const before = store.get('a');
    store.ingest(frame([{ name: 'a', cpuPercent: 1, memoryBytes: 1 }]));
    expect(store.get('a')).not.toBe(before);
  });

  it('keeps a series for each of 500 instances', () => {
    const store = new TelemetryStore();
    const payload = frame(Array.from({ length: 500 }, (_, i) => ({ name: `vm-${i}`, cpuPercent: i % 100, memoryBytes: i })));
    for (let s = 0; s < 3; s++) store.ingest(payload, s * 1000);
    expect(store.get('vm-0')).toHaveLength(3);
    expect(store.latest('vm-499')).toEqual({ at: 2000, cpuPercent: 99, memoryBytes: 499 });
  });
});

describe('ActivityLog', () => {
  it('summarises job and instance events, newest first, bounded', () => {
    const log = new ActivityLog();
    log.add({ channel: 'jobs', type: 'job', at: 't1', data: { id: 'j', type: 'create', instance: 'web', state: 'FAILED', error: 'no image' } });
    log.add({ channel: 'instances', type: 'lifecycle', at: 't2', data: { instance: 'web', action: 'instance-started' } });
    log.add({ channel: 'telemetry', type: 'usage', at: 't3', data: [] });
    const entries = log.snapshot();
    expect(entries).toHaveLength(2);
    expect(entries[0].summary).toBe('web: instance-started');
    expect(entries[1]).toMatchObject({ summary: 'create web: failed — no image', level: 'error', jobId: 'j' });
    log.add({ channel: 'instances', type: 'instance-added', at: 't4', data: { name: 'web', status: 'Running', image: 'busybox', forwards: [] } });
    log.add({ channel: 'instances', type: 'instance-removed', at: 't5', data: { name: 'web' } });
    expect(log.snapshot().slice(0, 2).map((e) => e.summary)).toEqual(['web: removed', 'web: added (Running)']);
    for (let i = 0; i < ACTIVITY_LIMIT + 5; i++) log.add({ channel: 'instances', type: 'x', at: 't', data: { instance: 'a', action: 'x' } });
    expect(log.snapshot()).toHaveLength(ACTIVITY_LIMIT);
  });
});

describe('JobWatch', () => {
  const job = (state: Job['state']): Job => ({ id: 'j1', type: 'start', instance: 'a', state });

  it('follows a job to its end and stops', () => {
    const watch = new JobWatch();
    const seen: string[] = [];
    watch.watch('j1', (j) => seen.push(j.state));
    watch.update(job('IN_PROGRESS'));
    watch.update(job('COMPLETED'));
    watch.update(job('FAILED'));
    expect(seen).toEqual(['IN_PROGRESS', 'COMPLETED']);
    expect(watch.pending()).toEqual([]);
  });

  it('replays a change that came before the watcher', () => {
    const watch = new JobWatch();
    watch.update(job('COMPLETED'));
    const seen: string[] = [];
    watch.watch('j1', (j) => seen.push(j.state));
    expect(seen).toEqual(['COMPLETED']);
  });

  it('forgets old jobs beyond its memory', () => {
    const watch = new JobWatch(2);
    for (const id of ['a', 'b', 'c']) watch.update({ id, type: 't', state: 'COMPLETED' });
    expect(watch.last('a')).toBeUndefined();
    expect(watch.last('c')).toBeDefined();
  });
});

describe('handleEvent (the socket drives the caches)', () => {
  it('invalidates instance caches when a job ends, only the job list while it runs', () => {
    vi.useFakeTimers();
    try {
      const client = new QueryClient();
      const spy = vi.spyOn(client, 'invalidateQueries');
      handleEvent(client, { channel: 'jobs', type: 'job', at: 't', data: { id: 'x1', type: 'start', instance: 'web', state: 'IN_PROGRESS' } });
      expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['jobs']]);
      spy.mockClear();
      handleEvent(client, { channel: 'jobs', type: 'job', at: 't', data: { id: 'x1', type: 'start', instance: 'web', state: 'COMPLETED' } });
      expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([
        ['instances'],
        ['quota'],
        ['instance', 'web'],
        ['snapshots', 'web'],
        ['forwards', 'web'],
      ]);
      // The job list was refreshed a moment ago: the second refresh comes at the end of the window.
      spy.mockClear();
      vi.advanceTimersByTime(INVALIDATE_EVERY_MS);
      expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['jobs']]);
      expect(client.getQueryData(['job', 'x1'])).toMatchObject({ state: 'COMPLETED' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refreshes the instance list twice, not a thousand times, when a bulk action\'s jobs end together', () => {
    vi.useFakeTimers();
    try {
      const client = new QueryClient();
      const spy = vi.spyOn(client, 'invalidateQueries');
      const listRefreshes = () => spy.mock.calls.filter((c) => JSON.stringify(c[0]?.queryKey) === '["instances"]').length;
      for (let i = 0; i < 1000; i++) {
        handleEvent(client, { channel: 'jobs', type: 'job', at: 't', data: { id: `j${i}`, type: 'stop', instance: `vm-${i}`, state: 'COMPLETED' } });
        handleEvent(client, { channel: 'instances', type: 'lifecycle', at: 't', data: { instance: `vm-${i}`, action: 'instance-stopped' } });
      }
      expect(listRefreshes()).toBe(1);
      vi.advanceTimersByTime(INVALIDATE_EVERY_MS);
      expect(listRefreshes()).toBe(2);
      vi.advanceTimersByTime(10 * INVALIDATE_EVERY_MS);
      expect(listRefreshes()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refreshes the list on a lifecycle event', () => {
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries');
    handleEvent(client, { channel: 'instances', type: 'lifecycle', at: 't', data: { instance: 'web', action: 'instance-stopped' } });
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['instances'], ['instance', 'web']]);
  });
});

import { ActiveJobs } from './activeJobs';

describe('ActiveJobs', () => {
  it('lists the running jobs of an instance until they end', () => {
    const active = new ActiveJobs();
    const heard = vi.fn();
    active.subscribe('web', heard);
    active.update({ id: '1', type: 'stop', instance: 'web', state: 'IN_PROGRESS' });
    expect(active.get('web')).toEqual(['stop']);
    const same = active.get('web');
    expect(active.get('web')).toBe(same);
    active.update({ id: '1', type: 'stop', instance: 'web', state: 'COMPLETED' });
    expect(active.get('web')).toEqual([]);
    expect(heard).toHaveBeenCalledTimes(2);
    expect(active.get('other')).toEqual([]);
  });
});

describe('activity parts', () => {
  it('splits the summary around the instance name for linking', () => {
    const log = new ActivityLog();
    log.add({ channel: 'jobs', type: 'job', at: 't', data: { id: 'j', type: 'create', instance: 'web', state: 'COMPLETED' } });
    expect(log.snapshot()[0].parts).toEqual(['create ', ': completed']);
  });
});
