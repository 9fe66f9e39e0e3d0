import { describeError } from '../api/client';
import { asJob, type Job } from '../api/jobs';
import { forEachBounded } from '../lib/concurrency';

export type BulkAction = 'start' | 'stop' | 'restart' | 'delete';

/** Requests under way at once: 1,000 selected instances must not open 1,000 connections. */
export const BULK_CONCURRENCY = 8;
/** Listeners hear at most this often: a thousand job events must not mean a thousand renders. */
export const NOTIFY_EVERY_MS = 100;
/** How often the runner checks for jobs it has heard nothing of. */
export const POLL_EVERY_MS = 5_000;
/** With the event stream open, the runner asks about jobs only once the whole run has been silent this long. */
export const QUIET_MS = 20_000;
/** Jobs asked after per check, and reads under way at once: polling is the fallback, kept small. */
export const POLL_BATCH = 25;
export const POLL_CONCURRENCY = 4;

/**
 * Where an instance's part of the run is: `waiting` to be sent, `sending` (request in flight), `queued` (the
 * job is PENDING), `running` (IN_PROGRESS), then `completed` or `failed` (a failed job, or a refused request).
 */
export type ItemPhase = 'waiting' | 'sending' | 'queued' | 'running' | 'completed' | 'failed';

interface Item {
  name: string;
  phase: ItemPhase;
  jobId?: string;
  error?: string;
  /** When the runner last learnt something about this item, to pick whom to ask after first. */
  heardAt: number;
  unwatch?: () => void;
}

export interface BulkFailure {
  name: string;
  error: string;
}

export interface BulkRunView {
  id: number;
  action: BulkAction;
  total: number;
  /** Not sent yet, being sent, or queued by the server. */
  queued: number;
  running: number;
  completed: number;
  failed: number;
  /** Requests the server has answered, accepted or refused. */
  sent: number;
  failures: BulkFailure[];
  done: boolean;
  startedAt: number;
  finishedAt: number | null;
}

export interface BulkRunDeps {
  /** The request for one instance: a job (202), or a direct answer counted as done. */
  submit: (name: string) => Promise<unknown>;
  /** Later changes of a job (and at once what is known of it): the `jobs` channel of `/ws/events`. */
  watch: (jobId: string, listener: (job: Job) => void) => () => void;
  /** Reads a job, for the ones the event stream has said nothing about. */
  read: (jobId: string) => Promise<Job>;
  /** Whether the event stream is open; when it is not, the runner asks the server itself more readily. */
  live: () => boolean;
  now?: () => number;
  concurrency?: number;
}

const FINISHED = new Set<ItemPhase>(['completed', 'failed']);
const PHASE_OF_STATE: Record<string, ItemPhase> = { PENDING: 'queued', IN_PROGRESS: 'running', COMPLETED: 'completed', FAILED: 'failed' };

/**
 * One bulk action over many instances: one request (and so one job) per instance, at most `concurrency` in
 * flight, each job then followed to its end through the job events; what failed is kept with its reason.
 */
export class BulkRun {
  readonly id: number;
  readonly action: BulkAction;
  private readonly items: Item[];
  private readonly deps: BulkRunDeps;
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();
  private readonly failures: BulkFailure[] = [];
  private readonly startedAt: number;
  private finishedAt: number | null = null;
  private lastNews: number;
  private answered = 0;
  private stopped = false;
  private polling = false;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshot: BulkRunView;

  constructor(id: number, action: BulkAction, names: readonly string[], deps: BulkRunDeps) {
    this.id = id;
    this.action = action;
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.startedAt = this.lastNews = this.now();
    this.items = [...new Set(names)].map((name) => ({ name, phase: 'waiting', heardAt: this.startedAt }));
    this.snapshot = this.buildView();
  }

  /** Sends every request; resolves once all are answered (the jobs may still run). */
  async start(): Promise<void> {
    this.pollTimer = setInterval(() => void this.askAfterSilentJobs(), POLL_EVERY_MS);
    await forEachBounded(this.items, this.deps.concurrency ?? BULK_CONCURRENCY, (item) => this.send(item), () => this.stopped);
    this.finishIfDone();
  }

  /** Stops sending and following (dismissed, or logged out); jobs already accepted go on on the server. */
  stop(): void {
    this.stopped = true;
    for (const item of this.items) item.unwatch?.();
    this.clearTimers();
    this.cancelNotify();
  }

  /** A stable object between changes (for useSyncExternalStore). */
  readonly view = (): BulkRunView => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async send(item: Item): Promise<void> {
    item.phase = 'sending';
    this.changed();
    let answer: unknown;
    try {
      answer = await this.deps.submit(item.name);
    } catch (error) {
      this.answered++;
      this.fail(item, describeError(error));
      return;
    }
    this.answered++;
    const job = asJob(answer);
    if (!job) {
      this.settle(item, 'completed');
      return;
    }
    item.jobId = job.id;
    this.apply(item, job);
    if (this.stopped || FINISHED.has(item.phase)) return;
    const unwatch = this.deps.watch(job.id, (change) => this.apply(item, change));
    // The watch may have replayed the job's end at once: then there is nothing left to follow.
    if (FINISHED.has(item.phase)) unwatch();
    else item.unwatch = unwatch;
  }

  /** `news` is false for an answer to the runner's own question: an unchanged job there is no sign of life. */
  private apply(item: Item, job: Job, news = true): void {
    if (FINISHED.has(item.phase) || this.stopped) return;
    const phase = PHASE_OF_STATE[job.state] ?? item.phase;
    if (phase === 'failed') this.fail(item, job.error || 'The job failed without a message.');
    else if (phase === 'completed') this.settle(item, 'completed');
    else {
      if (news) this.heard(item);
      if (phase === item.phase) return;
      item.phase = phase;
      this.changed();
    }
  }

  private fail(item: Item, error: string): void {
    item.error = error;
    this.failures.push({ name: item.name, error });
    this.settle(item, 'failed');
  }

  private settle(item: Item, phase: 'completed' | 'failed'): void {
    item.phase = phase;
    item.unwatch?.();
    item.unwatch = undefined;
    this.heard(item);
    this.changed();
    this.finishIfDone();
  }

  private heard(item: Item): void {
    item.heardAt = this.lastNews = this.now();
  }

  private finishIfDone(): void {
    if (this.finishedAt !== null || !this.items.every((i) => FINISHED.has(i.phase))) return;
    this.finishedAt = this.now();
    this.clearTimers();
    this.publish();
  }

  /**
   * The fallback for lost events: asks the server about a few jobs not heard of for a while. With the event
   * stream open it waits until the whole run has been silent for {@link QUIET_MS}; events normally arrive
   * long before, and the stream's own reconnect re-reads what it may have missed.
   */
  private async askAfterSilentJobs(): Promise<void> {
    if (this.polling || this.stopped) return;
    const now = this.now();
    const live = this.deps.live();
    if (live && now - this.lastNews < QUIET_MS) return;
    const silentFor = live ? QUIET_MS : POLL_EVERY_MS;
    const silent = this.items
      .filter((i) => i.jobId && (i.phase === 'queued' || i.phase === 'running') && now - i.heardAt >= silentFor)
      .sort((a, b) => a.heardAt - b.heardAt)
      .slice(0, POLL_BATCH);
    if (silent.length === 0) return;
    this.polling = true;
    try {
      await forEachBounded(silent, POLL_CONCURRENCY, async (item) => {
        // Asked, answered or not: the next check turns to the others first.
        item.heardAt = this.now();
        this.apply(item, await this.deps.read(item.jobId!), false);
      }, () => this.stopped);
    } finally {
      this.polling = false;
    }
  }

  private changed(): void {
    if (this.notifyTimer !== null) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      this.publish();
    }, NOTIFY_EVERY_MS);
  }

  private publish(): void {
    this.cancelNotify();
    this.snapshot = this.buildView();
    this.listeners.forEach((l) => l());
  }

  private clearTimers(): void {
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private cancelNotify(): void {
    if (this.notifyTimer !== null) clearTimeout(this.notifyTimer);
    this.notifyTimer = null;
  }

  private buildView(): BulkRunView {
    const count = (...phases: ItemPhase[]) => this.items.filter((i) => phases.includes(i.phase)).length;
    return {
      id: this.id,
      action: this.action,
      total: this.items.length,
      queued: count('waiting', 'sending', 'queued'),
      running: count('running'),
      completed: count('completed'),
      failed: count('failed'),
      sent: this.answered,
      failures: [...this.failures],
      done: this.finishedAt !== null,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
    };
  }
}
