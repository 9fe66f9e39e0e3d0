import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { instancesApi } from '../api/instances';
import { jobsApi } from '../api/jobs';
import { BulkProgress } from '../components/BulkProgress';
import { BulkRun, type BulkAction } from './bulkRun';
import { jobWatch } from './jobWatch';
import { learnJob, useConnection } from './LiveContext';

export interface BulkOptions {
  /** Stop at once, without a clean shutdown. */
  force?: boolean;
}

const REQUESTS: Record<BulkAction, (name: string, options: BulkOptions) => Promise<unknown>> = {
  start: (name) => instancesApi.start(name),
  stop: (name, options) => instancesApi.stop(name, options.force),
  restart: (name) => instancesApi.restart(name),
  delete: (name) => instancesApi.remove(name),
};

interface BulkRunsValue {
  start: (action: BulkAction, names: readonly string[], options?: BulkOptions) => void;
}

const BulkRunsContext = createContext<BulkRunsValue | null>(null);

/**
 * Runs bulk actions and shows their progress panel. It sits at the app's level, so a run goes on, and its
 * panel stays, while the user moves between pages; logging out ends the runs.
 */
export function BulkRunsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const client = useQueryClient();
  const connection = useConnection();
  const live = useRef(connection);
  const [runs, setRuns] = useState<BulkRun[]>([]);
  const current = useRef(runs);
  const nextId = useRef(1);

  useEffect(() => {
    live.current = connection;
  }, [connection]);
  useEffect(() => {
    current.current = runs;
  }, [runs]);

  const start = useCallback(
    (action: BulkAction, names: readonly string[], options: BulkOptions = {}) => {
      const run = new BulkRun(nextId.current++, action, names, {
        submit: (name) => REQUESTS[action](name, options),
        watch: (id, listener) => jobWatch.watch(id, listener),
        read: async (id) => {
          const job = await jobsApi.get(id);
          learnJob(client, job);
          return job;
        },
        live: () => live.current === 'open',
      });
      setRuns((all) => [...all, run]);
      void run.start();
    },
    [client],
  );

  const dismiss = useCallback((run: BulkRun) => {
    run.stop();
    setRuns((all) => all.filter((r) => r !== run));
  }, []);

  useEffect(() => {
    if (enabled) return;
    // The session ended: what is not sent yet would be refused, and the panel belongs to that user.
    current.current.forEach((run) => run.stop());
    setRuns((all) => (all.length ? [] : all));
  }, [enabled]);
  useEffect(() => () => current.current.forEach((run) => run.stop()), []);

  const value = useMemo(() => ({ start }), [start]);
  return (
    <BulkRunsContext.Provider value={value}>
      {children}
      <BulkProgress runs={runs} onDismiss={dismiss} />
    </BulkRunsContext.Provider>
  );
}

export function useBulkRuns(): BulkRunsValue {
  const value = useContext(BulkRunsContext);
  if (!value) throw new Error('useBulkRuns outside BulkRunsProvider');
  return value;
}
