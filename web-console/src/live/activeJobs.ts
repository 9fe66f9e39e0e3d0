import { isTerminal, type Job } from '../api/jobs';

/** Jobs still running per instance (from the `jobs` channel), so rows can show that work is under way. */
export class ActiveJobs {
  private byInstance = new Map<string, Map<string, string>>();
  private listeners = new Map<string, Set<() => void>>();
  private snapshots = new Map<string, string[]>();

  update(job: Partial<Job>): void {
    if (!job.instance || !job.id) return;
    const jobs = this.byInstance.get(job.instance) ?? new Map<string, string>();
    if (isTerminal(job.state)) jobs.delete(job.id);
    else jobs.set(job.id, job.type ?? 'job');
    if (jobs.size) this.byInstance.set(job.instance, jobs);
    else this.byInstance.delete(job.instance);
    this.snapshots.set(job.instance, [...jobs.values()]);
    this.listeners.get(job.instance)?.forEach((l) => l());
  }

  /** The types of the running jobs of an instance (a stable array between changes). */
  get(instance: string): string[] {
    return this.snapshots.get(instance) ?? NONE;
  }

  subscribe(instance: string, listener: () => void): () => void {
    let set = this.listeners.get(instance);
    if (!set) this.listeners.set(instance, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }
}

const NONE: string[] = [];

export const activeJobs = new ActiveJobs();
