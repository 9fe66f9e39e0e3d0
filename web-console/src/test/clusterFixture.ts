import type { Cluster } from '../api/cluster';

/** The real answer's shape (two nodes, two hosts), node-1 carrying the optional url. */
export function sampleCluster(): Cluster {
  return {
    node: 'node-2',
    placement: 'most-free-capacity',
    nodes: [
      { name: 'node-1', address: '127.0.0.1:5701', state: 'up', since: '2026-12-07T01:31:22.16Z', local: false, hosts: ['lxd-1'], jobsRunning: 0, url: 'http://127.0.0.1:8081' },
      { name: 'node-2', address: '127.0.0.1:5702', state: 'up', since: '2026-12-07T01:31:25.02Z', local: true, hosts: ['lxd-2'], jobsRunning: 2 },
    ],
    hosts: [
      { name: 'lxd-1', owner: 'node-1', state: 'online', since: '2026-12-07T01:31:23Z', home: 'node-1', capacity: { cpu: 2, memoryMiB: 24576 }, allocated: { cpu: 0, memoryMiB: 0, instances: 0 } },
      { name: 'lxd-2', owner: 'node-2', state: 'online', since: '2026-12-07T01:31:26Z', home: 'node-2', capacity: { cpu: 4, memoryMiB: 8192 }, allocated: { cpu: 2, memoryMiB: 1024, instances: 2 } },
    ],
  };
}
