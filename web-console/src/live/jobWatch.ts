import { isTerminal, type Job } from '../api/jobs';

type JobListener = (job: Job) => void;

/**
 * Follows jobs by id as their changes arrive on the `jobs` channel. A change may arrive before the
 * 202 answer that named the job, so recent changes are remembered and replayed to a late watcher.
 */
export class JobWatch {
  private recent = new Map<string, Job>();
  private watchers = new Map<string, Set<JobListener>>();
  private readonly memory: number;

  constructor(memory = 500) {
    this.memory = memory;
  }

  update(job: Job): void {
    if (!job?.id) return;
    this.recent.delete(job.id);
    this.recent.set(job.id, job);
    if (this.recent.size > this.memory) this.recent.delete(this.recent.keys().next().value as string);
    this.watchers.get(job.id)?.forEach((l) => l(job));
    if (isTerminal(job.state)) this.watchers.delete(job.id);
  }

  last(id: string): Job | undefined {
    return this.recent.get(id);
  }

  /** Calls `listener` with every later change of the job (and at once with what is known); stops at the end. */
  watch(id: string, listener: JobListener): () => void {
    const known = this.recent.get(id);
    if (known) {
      listener(known);
      if (isTerminal(known.state)) return () => undefined;
    }
    let set = this.watchers.get(id);
    if (!set) this.watchers.set(id, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  /** Ids still followed and not finished: re-read once after a reconnect (events may have been missed). */
  pending(): string[] {
    return [...this.watchers.keys()];
  }
}

export const jobWatch = new JobWatch();
