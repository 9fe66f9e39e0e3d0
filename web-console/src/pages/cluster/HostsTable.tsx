import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { hostsApi, type ClusterHost } from '../../api/cluster';
import { describeError } from '../../api/client';
import { keys } from '../../api/keys';
import { formatMiB, formatTime, relativeTime } from '../../lib/format';
import { Gauge } from '../../components/Gauge';
import { StatusBadge } from '../../components/StatusBadge';
import { ConfirmDialog } from '../../components/Dialog';
import { useToasts } from '../../components/Toasts';

const cores = (n: number) => `${n} core${n === 1 ? '' : 's'}`;

export function HostsTable({ hosts, canManage }: { hosts: ClusterHost[]; canManage: boolean }) {
  const [removing, setRemoving] = useState<ClusterHost | null>(null);
  const remove = useRemoveHost();

  if (hosts.length === 0) return <p className="muted">No LXD host yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Hosts">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Owner</th>
            <th scope="col">State</th>
            <th scope="col">CPU allocated</th>
            <th scope="col">Memory allocated</th>
            <th scope="col">Instances</th>
            {canManage && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {hosts.map((h) => (
            <tr key={h.name} data-testid="host-row" data-name={h.name} data-state={h.state}>
              <td>
                <strong>{h.name}</strong>
              </td>
              <td>
                <HostOwner host={h} />
              </td>
              <td>
                <StatusBadge status={h.state} />
                {h.since && (
                  <div className="muted small" title={formatTime(h.since)}>
                    {relativeTime(h.since)}
                  </div>
                )}
              </td>
              <td className="gauge-cell">
                <Allocation label={`${h.name} CPU`} used={h.allocated?.cpu} limit={h.capacity?.cpu} format={cores} />
              </td>
              <td className="gauge-cell">
                <Allocation label={`${h.name} memory`} used={h.allocated?.memoryMiB} limit={h.capacity?.memoryMiB} format={formatMiB} />
              </td>
              <td className="num">{h.allocated?.instances ?? 0}</td>
              {canManage && (
                <td className="row-actions">
                  <button
                    type="button"
                    className="btn btn-small btn-danger-ghost"
                    onClick={() => setRemoving(h)}
                    disabled={remove.isPending && remove.variables === h.name}
                    aria-label={`Remove host ${h.name}`}
                  >
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove host ${removing?.name}?`}
        confirmLabel="Remove"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) remove.mutate(removing.name);
          setRemoving(null);
        }}
      >
        <p>Axion stops managing {removing?.name}. The server refuses while instances are still on it; LXD itself is left untouched.</p>
      </ConfirmDialog>
    </div>
  );
}

/** The owner, and the home node when the host is away from it (its home is down, so it moved). */
function HostOwner({ host }: { host: ClusterHost }) {
  if (!host.owner) return <span className="muted">none</span>;
  return (
    <>
      {host.owner}
      {host.home && host.home !== host.owner && <div className="muted small">home {host.home}</div>}
    </>
  );
}

/** A host's capacity is 0 until its owner has read LXD's resources: say so rather than draw an empty bar. */
function Allocation({ label, used = 0, limit = 0, format }: { label: string; used?: number; limit?: number; format: (n: number) => string }) {
  if (!limit) {
    return (
      <span className="muted small" title="The owner has not read this host's resources yet">
        {format(used)} / capacity unknown
      </span>
    );
  }
  return <Gauge compact label={label} used={used} limit={limit} format={format} />;
}

/** Removing a host: the 409 of a host that still has instances is the server's sentence, shown as it is. */
function useRemoveHost() {
  const client = useQueryClient();
  const toasts = useToasts();
  return useMutation({
    mutationFn: (name: string) => hostsApi.remove(name),
    onSuccess: (_, name) => {
      toasts.show({ kind: 'success', title: `Host ${name} removed` });
      void client.invalidateQueries({ queryKey: keys.cluster });
      void client.invalidateQueries({ queryKey: keys.hosts });
    },
    onError: (error, name) => toasts.show({ kind: 'error', title: `Could not remove ${name}`, message: describeError(error) }),
  });
}
