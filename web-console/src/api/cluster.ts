import { request } from './client';
import type { EventMessage } from './events';
import { nodes } from './nodes';
import { formatMiB } from '../lib/format';

/** One Axion node of `GET /api/v1/cluster`. */
export interface ClusterNode {
  name: string;
  /** The cluster (Hazelcast) address, host:port: not where the console talks to it. */
  address: string;
  state: 'up' | string;
  since?: string | null;
  /** True for the node that answered this request. */
  local: boolean;
  /** The hosts it owns now. */
  hosts: string[];
  jobsRunning: number;
  /** Its HTTP base URL (e.g. http://127.0.0.1:8082), when the server says: what failover switches to. */
  url?: string | null;
}

export interface HostAmounts {
  cpu: number;
  memoryMiB: number;
  /** Only in `allocated`: how many instances there are. */
  instances?: number;
}

export type HostState = 'online' | 'offline' | 'unowned' | string;

/** One LXD host, as `/api/v1/cluster` lists it (and `/api/v1/hosts` and the `host-updated` event, with its endpoint). */
export interface ClusterHost {
  name: string;
  /** The node that runs its jobs now; null when no live node owns it. */
  owner: string | null;
  state: HostState;
  since?: string | null;
  /** The node that brought it; it owns the host whenever it is live. */
  home?: string | null;
  capacity: HostAmounts;
  allocated: HostAmounts;
  /** The LXD endpoint (absent from `/api/v1/cluster`): an https URL, or the local socket's path. */
  url?: string | null;
  socket?: string | null;
  project?: string;
}

export interface Cluster {
  /** The node that answered. */
  node: string;
  /** The placement policy's name (e.g. most-free-capacity); null without one. */
  placement: string | null;
  nodes: ClusterNode[];
  hosts: ClusterHost[];
}

/** The body of `POST /api/v1/hosts`: a remote LXD (`url`) or the local `socket`, and the project there. */
export interface NewHost {
  name: string;
  url?: string;
  socket?: string;
  project: string;
  clientCertificate?: string;
  clientKey?: string;
  serverCertificate?: string;
}

export const clusterApi = {
  /** Every read also refreshes the node list that failover picks from. */
  get: async (signal?: AbortSignal): Promise<Cluster> => {
    const cluster = await request<Cluster>('/api/v1/cluster', { signal });
    if (cluster) nodes.remember(cluster);
    return cluster;
  },
};

const hostPath = (name: string) => `/api/v1/hosts/${encodeURIComponent(name)}`;

/** Admins only. */
export const hostsApi = {
  list: (signal?: AbortSignal) => request<ClusterHost[]>('/api/v1/hosts', { signal }),
  get: (name: string, signal?: AbortSignal) => request<ClusterHost>(hostPath(name), { signal }),
  add: (host: NewHost) => request<ClusterHost>('/api/v1/hosts', { method: 'POST', body: host }),
  /** Refused with 409 while instances are still on the host. */
  remove: (name: string) => request<void>(hostPath(name), { method: 'DELETE', as: 'none' }),
};

/** The names of the hosts a list shows, sorted; a host the cluster does not list (yet) still counts. */
export function hostNames(cluster: Cluster | undefined, extra: Array<string | null | undefined> = []): string[] {
  const names = new Set<string>();
  for (const h of cluster?.hosts ?? []) names.add(h.name);
  for (const name of extra) if (name) names.add(name);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** A host as the Host select offers it: its free room when its capacity is known, and why it cannot be chosen. */
export function hostChoiceLabel(host: ClusterHost): string {
  const cpuFree = host.capacity?.cpu ? host.capacity.cpu - (host.allocated?.cpu ?? 0) : null;
  const memFree = host.capacity?.memoryMiB ? host.capacity.memoryMiB - (host.allocated?.memoryMiB ?? 0) : null;
  const room = cpuFree !== null && memFree !== null ? ` — ${cpuFree} core${cpuFree === 1 ? '' : 's'}, ${formatMiB(memFree)} free` : '';
  return host.state === 'online' ? `${host.name}${room}` : `${host.name} (${host.state})`;
}

/** The hosts each node owns, recomputed from the hosts' owners (after a host event changed one). */
function withOwnership(nodes: ClusterNode[], hosts: ClusterHost[]): ClusterNode[] {
  return nodes.map((n) => {
    const owned = hosts.filter((h) => h.owner === n.name).map((h) => h.name);
    const same = owned.length === n.hosts.length && owned.every((h, i) => h === n.hosts[i]);
    return same ? n : { ...n, hosts: owned };
  });
}

/**
 * The cluster as it is after one `cluster` channel event, patched in place of a refetch so the page changes
 * at once (the refetch that follows fills in what an event does not carry, such as a new node's address).
 */
export function applyClusterEvent(cluster: Cluster | undefined, message: EventMessage): Cluster | undefined {
  if (!cluster) return cluster;
  const data = (message.data ?? {}) as Record<string, unknown>;
  switch (message.type) {
    case 'host-updated': {
      const host = data as unknown as ClusterHost;
      if (typeof host.name !== 'string') return cluster;
      const known = cluster.hosts.some((h) => h.name === host.name);
      const merged = (old?: ClusterHost): ClusterHost => ({ ...old, ...host, capacity: host.capacity ?? old?.capacity, allocated: host.allocated ?? old?.allocated } as ClusterHost);
      const hosts = known ? cluster.hosts.map((h) => (h.name === host.name ? merged(h) : h)) : [...cluster.hosts, merged()];
      return { ...cluster, hosts, nodes: withOwnership(cluster.nodes, hosts) };
    }
    case 'host-removed': {
      if (typeof data.name !== 'string') return cluster;
      const hosts = cluster.hosts.filter((h) => h.name !== data.name);
      return { ...cluster, hosts, nodes: withOwnership(cluster.nodes, hosts) };
    }
    case 'node-left': {
      // The cluster lists only its members: a node that left is gone from the list, as a refetch would say.
      if (typeof data.node !== 'string') return cluster;
      return { ...cluster, nodes: cluster.nodes.filter((n) => n.name !== data.node) };
    }
    default:
      // node-joined: what the event carries (a name) is too little for a row; the refetch brings it.
      return cluster;
  }
}
