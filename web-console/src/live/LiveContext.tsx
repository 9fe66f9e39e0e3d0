import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { EventStream, type ConnectionState, type EventMessage } from '../api/events';
import { jobsApi, isTerminal, type Job } from '../api/jobs';
import { keys } from '../api/keys';
import { applyClusterEvent, clusterApi, type Cluster } from '../api/cluster';
import { activity } from './activity';
import { jobWatch } from './jobWatch';
import { telemetry } from './telemetry';
import { activeJobs } from './activeJobs';
import { forEachBounded } from '../lib/concurrency';
import { invalidateSoon } from './invalidations';

/** Jobs re-read at once after a reconnect: a bulk run may be following a thousand of them. */
const REREADS_IN_FLIGHT = 4;

const LiveContext = createContext<ConnectionState>('idle');

/** What a job's end changes: the caches to refetch (throttled: bulk actions bring events by the thousand). */
export function invalidateForJob(client: QueryClient, job: Partial<Job>): void {
  invalidateSoon(client, keys.jobs);
  if (!isTerminal(job.state)) return;
  invalidateSoon(client, keys.instances);
  invalidateSoon(client, keys.quota);
  if (job.instance) {
    invalidateSoon(client, keys.instance(job.instance));
    invalidateSoon(client, keys.snapshots(job.instance));
    invalidateSoon(client, keys.forwards(job.instance));
  }
}

/**
 * A job state the console read itself (not from the socket), as if its event had come: watchers, the rows'
 * "under way" marks and the caches hear of it, once, when it is news.
 */
export function learnJob(client: QueryClient, job: Job): void {
  if (jobWatch.last(job.id)?.state === job.state) return;
  jobWatch.update(job);
  activeJobs.update(job);
  client.setQueryData(keys.job(job.id), job);
  invalidateForJob(client, job);
}

export function handleEvent(client: QueryClient, message: EventMessage): void {
  switch (message.channel) {
    case 'telemetry':
      telemetry.ingest(message.data, message.at);
      return;
    case 'jobs': {
      const job = message.data as Job;
      if (job?.id) {
        jobWatch.update(job);
        activeJobs.update(job);
        client.setQueryData(keys.job(job.id), job);
      }
      activity.add(message);
      invalidateForJob(client, job ?? {});
      return;
    }
    case 'instances': {
      activity.add(message);
      const data = (message.data ?? {}) as Record<string, unknown>;
      const name = (data.instance ?? data.name) as string | undefined;
      invalidateSoon(client, keys.instances);
      if (name) invalidateSoon(client, keys.instance(name));
      return;
    }
    case 'cluster': {
      // A host event carries the whole host: the patch is the news. A node event carries only a name: the
      // patch drops a node that left, and a refetch brings the rest (a new node's address and URL).
      client.setQueryData<Cluster>(keys.cluster, (old) => applyClusterEvent(old, message));
      if (message.type === 'node-joined' || message.type === 'node-left') void client.invalidateQueries({ queryKey: keys.cluster });
      else void client.invalidateQueries({ queryKey: keys.hosts });
      return;
    }
    default:
      return;
  }
}

/** Opens the one `/ws/events` socket while someone is logged in; every cache update flows from it. */
export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<ConnectionState>('idle');
  // Kept read on every page, not only the cluster page: it is the node list a failover picks from
  // (clusterApi.get hands every answer to the node directory), kept current by the node events above.
  useQuery({ queryKey: keys.cluster, queryFn: ({ signal }) => clusterApi.get(signal), enabled });

  useEffect(() => {
    if (!enabled) return;
    const stream = new EventStream();
    const offState = stream.onState(setState);
    const offMessage = stream.onMessage((m) => handleEvent(client, m));
    const offReconnect = stream.onReconnect(() => {
      // Changes may have been missed while the socket was down: refetch once, and re-read followed jobs.
      void client.invalidateQueries();
      void forEachBounded(jobWatch.pending(), REREADS_IN_FLIGHT, (id) => jobsApi.get(id).then((job) => jobWatch.update(job)));
    });
    stream.start();
    return () => {
      offState();
      offMessage();
      offReconnect();
      stream.stop();
      telemetry.clear();
      setState('idle');
    };
  }, [enabled, client]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

export function useConnection(): ConnectionState {
  return useContext(LiveContext);
}

export function useTelemetry(name: string) {
  return useSyncExternalStore(
    (l) => telemetry.subscribe(name, l),
    () => telemetry.get(name),
  );
}

export function useActivity() {
  return useSyncExternalStore(activity.subscribe, activity.snapshot);
}


export function useActiveJobs(instance: string): string[] {
  return useSyncExternalStore(
    (l) => activeJobs.subscribe(instance, l),
    () => activeJobs.get(instance),
  );
}
