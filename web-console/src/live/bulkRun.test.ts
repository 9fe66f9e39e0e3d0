import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProblemError } from '../api/client';
import type { Job, JobState } from '../api/jobs';
import { BulkRun, BULK_CONCURRENCY, NOTIFY_EVERY_MS, POLL_BATCH, POLL_CONCURRENCY, POLL_EVERY_MS, QUIET_MS, type BulkRunDeps } from './bulkRun';
import { JobWatch } from './jobWatch';

const names = (n: number) => Array.from({ length: n }, (_, i) => `vm-${String(i).padStart(4, '0')}`);
const job = (name: string, state: JobState, error: string | null = null): Job => ({ id: `job-${name}`, type: 'stop', instance: name, state, error });

/**
 * A pretend server: each request answers a PENDING job after `delay` ms; `refuse` names get a problem instead.
 * Job changes reach the runner through a real JobWatch, as the `jobs` channel's events do in the console.
 */
function fakeServer({ delay = 5, refuse = new Set<string>(), live = true } = {}) {
  const events = new JobWatch(5000);
  const jobs = new Map<string, Job>();
  let inFlight = 0;
  let mostInFlight = 0;
  const reads: string[] = [];
  let readsInFlight = 0;
  let mostReadsInFlight = 0;
  const deps: BulkRunDeps = {
    submit: async (name) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((r) => setTimeout(r, delay));
      inFlight--;
      if (refuse.has(name)) {
        throw new ProblemError({ type: 'https://axion.dev/problems/conflict', title: 'conflict', status: 409, detail: `Instance '${name}' is busy` });
      }
      const created = job(name, 'PENDING');
      jobs.set(created.id, created);
      return created;
    },
    watch: (id, listener) => events.watch(id, listener),
    read: async (id) => {
      reads.push(id);
      readsInFlight++;
      mostReadsInFlight = Math.max(mostReadsInFlight, readsInFlight);
      await new Promise((r) => setTimeout(r, 1));
      readsInFlight--;
      return jobs.get(id)!;
    },
    live: () => live,
  };
  /** The server changes a job; `publish` false: its event is lost. */
  const change = (name: string, state: JobState, error: string | null = null, publish = true) => {
    const next = job(name, state, error);
    jobs.set(next.id, next);
    if (publish) events.update(next);
  };
  return { deps, change, reads, stats: () => ({ mostInFlight, mostReadsInFlight }) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('BulkRun', () => {
  it('sends a thousand requests with at most 8 in flight, then follows every job to its end', async () => {
    const server = fakeServer();
    const all = names(1000);
    const run = new BulkRun(1, 'stop', all, server.deps);
    const sent = run.start();
    await vi.advanceTimersByTimeAsync(2000);
    await sent;
    expect(server.stats().mostInFlight).toBe(BULK_CONCURRENCY);
    await vi.advanceTimersByTimeAsync(NOTIFY_EVERY_MS);
    expect(run.view()).toMatchObject({ total: 1000, sent: 1000, queued: 1000, running: 0, completed: 0, done: false });

    all.slice(0, 10).forEach((n) => server.change(n, 'IN_PROGRESS'));
    await vi.advanceTimersByTimeAsync(NOTIFY_EVERY_MS);
    expect(run.view()).toMatchObject({ queued: 990, running: 10 });

    all.forEach((n) => server.change(n, 'COMPLETED'));
    // The end is told at once, not at the next throttled notification.
    expect(run.view()).toMatchObject({ completed: 1000, failed: 0, queued: 0, running: 0, done: true });
  });

  it('collects the failures: refused requests with the problem\'s detail, failed jobs with their error', async () => {
    const server = fakeServer({ refuse: new Set(['vm-0001']) });
    const run = new BulkRun(1, 'delete', names(3), server.deps);
    const sent = run.start();
    await vi.advanceTimersByTimeAsync(50);
    await sent;
    server.change('vm-0000', 'COMPLETED');
    server.change('vm-0002', 'FAILED', 'LXD: instance is busy');
    expect(run.view()).toMatchObject({ total: 3, completed: 1, failed: 2, done: true });
    expect(run.view().failures).toEqual([
      { name: 'vm-0001', error: "Instance 'vm-0001' is busy" },
      { name: 'vm-0002', error: 'LXD: instance is busy' },
    ]);
  });

  it('counts a job that ended before its 202 was read, and a direct answer without a job, as done', async () => {
    const events = new JobWatch();
    // The job's end came over the socket before the answer that named it.
    events.update(job('early', 'COMPLETED'));
    const run = new BulkRun(1, 'start', ['early', 'direct'], {
      submit: async (name) => (name === 'early' ? job('early', 'PENDING') : undefined),
      watch: (id, l) => events.watch(id, l),
      read: () => Promise.reject(new Error('not needed')),
      live: () => true,
    });
    await run.start();
    expect(run.view()).toMatchObject({ completed: 2, done: true });
  });

  it('follows a retried job back to queued and on to its end', async () => {
    const server = fakeServer();
    const run = new BulkRun(1, 'restart', ['a'], server.deps);
    const sent = run.start();
    await vi.advanceTimersByTimeAsync(10);
    await sent;
    server.change('a', 'IN_PROGRESS');
    server.change('a', 'PENDING');
    await vi.advanceTimersByTimeAsync(NOTIFY_EVERY_MS);
    expect(run.view()).toMatchObject({ queued: 1, running: 0 });
    server.change('a', 'COMPLETED');
    server.change('a', 'FAILED', 'too late');
    expect(run.view()).toMatchObject({ completed: 1, failed: 0, done: true });
  });

  it('with the event stream open, asks the server only after the whole run has been silent a while', async () => {
    const server = fakeServer({ live: true });
    const run = new BulkRun(1, 'stop', names(3), server.deps);
    const sent = run.start();
    await vi.advanceTimersByTimeAsync(50);
    await sent;
    server.change('vm-0000', 'COMPLETED', null, false);
    await vi.advanceTimersByTimeAsync(QUIET_MS - POLL_EVERY_MS);
    expect(server.reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * POLL_EVERY_MS);
    expect(server.reads.sort()).toEqual(['job-vm-0000', 'job-vm-0001', 'job-vm-0002']);
    await vi.advanceTimersByTimeAsync(NOTIFY_EVERY_MS);
    expect(run.view()).toMatchObject({ completed: 1, queued: 2 });
    run.stop();
  });

  it('without the event stream, polls a few jobs at a time, a few reads in flight', async () => {
    const server = fakeServer({ live: false });
    const all = names(100);
    const run = new BulkRun(1, 'stop', all, server.deps);
    const sent = run.start();
    await vi.advanceTimersByTimeAsync(200);
    await sent;
    all.forEach((n) => server.change(n, 'COMPLETED', null, false));
    await vi.advanceTimersByTimeAsync(POLL_EVERY_MS);
    expect(server.reads.length).toBeLessThanOrEqual(POLL_BATCH);
    expect(server.stats().mostReadsInFlight).toBeLessThanOrEqual(POLL_CONCURRENCY);
    await vi.advanceTimersByTimeAsync(POLL_EVERY_MS * 8);
    expect(run.view()).toMatchObject({ completed: 100, done: true });
    // Nothing is asked twice once it is known to be done, and nothing after the end.
    expect(new Set(server.reads).size).toBe(server.reads.length);
    const asked = server.reads.length;
    await vi.advanceTimersByTimeAsync(POLL_EVERY_MS * 3);
    expect(server.reads.length).toBe(asked);
  });

  it('stops sending when stopped, and tells its listeners at most every 100 ms', async () => {
    const server = fakeServer({ delay: 10 });
    const run = new BulkRun(1, 'start', names(100), server.deps);
    const heard = vi.fn();
    run.subscribe(heard);
    const sent = run.start();
    await vi.advanceTimersByTimeAsync(25);
    run.stop();
    await vi.advanceTimersByTimeAsync(1000);
    await sent;
    expect(run.view().sent).toBeLessThanOrEqual(3 * BULK_CONCURRENCY);
    expect(heard.mock.calls.length).toBeLessThanOrEqual(1);
  });
});
