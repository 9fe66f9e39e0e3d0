import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { clusterApi, type ClusterNode } from '../api/cluster';
import { keys } from '../api/keys';
import { isAdmin } from '../api/auth';
import { useRole } from '../auth/AuthContext';
import { formatTime, relativeTime } from '../lib/format';
import { StatusBadge } from '../components/StatusBadge';
import { ErrorBanner, Loading } from '../components/ErrorBanner';
import { HostsTable } from './cluster/HostsTable';
import { HostHistory } from './cluster/HostHistory';
import { AddHostDialog } from './cluster/AddHostDialog';

/**
 * The socket's `cluster` channel keeps this page current (LiveContext patches and refetches the query on each
 * event); the timer only catches what a lost event would leave stale, such as a host's allocation.
 */
export const CLUSTER_REFRESH_MS = 10_000;

export default function ClusterPage() {
  const admin = isAdmin(useRole());
  const [adding, setAdding] = useState(false);
  const cluster = useQuery({
    queryKey: keys.cluster,
    queryFn: ({ signal }) => clusterApi.get(signal),
    refetchInterval: CLUSTER_REFRESH_MS,
  });

  return (
    <section className="page" aria-labelledby="cluster-title">
      <header className="page-header">
        <div>
          <h1 id="cluster-title">Cluster</h1>
          {cluster.data && (
            <p className="muted" data-testid="cluster-summary">
              {cluster.data.nodes.length} node{cluster.data.nodes.length === 1 ? '' : 's'} · {cluster.data.hosts.length} host
              {cluster.data.hosts.length === 1 ? '' : 's'} · answered by {cluster.data.node}
              {cluster.data.placement && <> · placement {cluster.data.placement}</>}
            </p>
          )}
        </div>
        {admin && (
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
            + Add host
          </button>
        )}
      </header>

      {cluster.isError && <ErrorBanner what="Cluster" error={cluster.error} onRetry={() => cluster.refetch()} />}
      {cluster.isPending && <Loading what="the cluster" />}
      {cluster.data && (
        <>
          <section className="card panel" aria-labelledby="nodes-title">
            <h2 id="nodes-title">Nodes</h2>
            <NodesTable nodes={cluster.data.nodes} />
          </section>
          <section className="card panel" aria-labelledby="hosts-title">
            <h2 id="hosts-title">Hosts</h2>
            <HostsTable hosts={cluster.data.hosts} canManage={admin} />
          </section>
          <HostHistory hosts={cluster.data.hosts.map((h) => h.name)} />
        </>
      )}
      {admin && <AddHostDialog open={adding} onClose={() => setAdding(false)} />}
    </section>
  );
}

function NodesTable({ nodes }: { nodes: ClusterNode[] }) {
  if (nodes.length === 0) return <p className="muted">No node listed.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Nodes">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">State</th>
            <th scope="col">Since</th>
            <th scope="col">Hosts owned</th>
            <th scope="col">Jobs running</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.name} data-testid="node-row" data-name={n.name}>
              <td>
                <strong>{n.name}</strong>
                {n.local && (
                  <span className="badge badge-info marker" title="The node that answered: the one this console talks to" data-testid="node-local">
                    this console
                  </span>
                )}
              </td>
              <td className="mono">{n.address}</td>
              <td>
                <StatusBadge status={n.state} />
              </td>
              <td title={formatTime(n.since)}>{relativeTime(n.since)}</td>
              <td>{n.hosts.length ? n.hosts.join(', ') : <span className="muted">none</span>}</td>
              <td className="num">{n.jobsRunning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
