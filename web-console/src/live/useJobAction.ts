import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { describeError } from '../api/client';
import { asJob, isTerminal, type Job } from '../api/jobs';
import { useToasts } from '../components/Toasts';
import { jobWatch } from './jobWatch';

const STATE_WORDS: Record<string, string> = {
  PENDING: 'queued',
  IN_PROGRESS: 'in progress',
  COMPLETED: 'done',
  FAILED: 'failed',
};

export interface RunOptions {
  /** Title of the toast when the job completes. */
  done?: string;
  /** Called once the server accepted the request (before the job ends). */
  onAccepted?: (result: unknown) => void;
}

export interface JobOutcome {
  ok: boolean;
  job?: Job;
  error?: unknown;
}

/**
 * Runs an action that answers a job (202) or a plain result (201/204), shows its progress in a toast
 * that ends with the result or the problem's detail, and resolves when the job is finished.
 */
export function useJobAction() {
  const toasts = useToasts();
  const client = useQueryClient();

  return useCallback(
    async (label: string, action: () => Promise<unknown>, options: RunOptions | string = {}): Promise<JobOutcome> => {
      const { done, onAccepted } = typeof options === 'string' ? { done: options, onAccepted: undefined } : options;
      const id = toasts.show({ kind: 'progress', title: label, message: 'Submitting…' });
      let result: unknown;
      try {
        result = await action();
      } catch (error) {
        toasts.update(id, { kind: 'error', title: `${label} failed`, message: describeError(error) });
        return { ok: false, error };
      }
      onAccepted?.(result);
      const job = asJob(result);
      if (!job) {
        toasts.update(id, { kind: 'success', title: done ?? `${label}: done`, message: undefined });
        // A direct answer (201/204) names no instance: refresh every instance-scoped cache.
        for (const key of [['instances'], ['quota'], ['instance'], ['forwards'], ['snapshots'], ['jobs']]) {
          void client.invalidateQueries({ queryKey: key });
        }
        return { ok: true };
      }
      return new Promise<JobOutcome>((resolve) => {
        let finished = false;
        let stop: (() => void) | null = null;
        const onChange = (change: Job) => {
          if (finished) return;
          if (!isTerminal(change.state)) {
            const attempt = change.attempts && change.attempts > 1 ? ` (attempt ${change.attempts}/${change.maxAttempts ?? '?'})` : '';
            toasts.update(id, { message: `Job ${STATE_WORDS[change.state] ?? change.state}${attempt}` });
            return;
          }
          finished = true;
          stop?.();
          if (change.state === 'COMPLETED') {
            toasts.update(id, { kind: 'success', title: done ?? `${label}: done`, message: undefined });
            resolve({ ok: true, job: change });
          } else {
            toasts.update(id, { kind: 'error', title: `${label} failed`, message: change.error || 'The job failed without a message.' });
            resolve({ ok: false, job: change });
          }
        };
        if (!jobWatch.last(job.id)) onChange(job);
        stop = jobWatch.watch(job.id, onChange);
        if (finished) stop();
      });
    },
    [toasts, client],
  );
}
