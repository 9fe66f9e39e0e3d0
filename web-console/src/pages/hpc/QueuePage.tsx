import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hpcKeys, queueApi } from '../../api/hpc';
import { canAct as roleCanAct } from '../../api/auth';
import { describeError } from '../../api/client';
import { useRole } from '../../auth/AuthContext';
import { useToasts } from '../../components/Toasts';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';

export const QUEUE_REFRESH_MS = 2000;

/** The creates waiting for room, next first; operators cancel their own, admins any (the server decides). */
export default function QueuePage() {
  const canAct = roleCanAct(useRole());
  const client = useQueryClient();
  const toasts = useToasts();
  const queue = useQuery({ queryKey: hpcKeys.queue, queryFn: ({ signal }) => queueApi.list(signal), refetchInterval: QUEUE_REFRESH_MS });
  const cancel = useMutation({
    mutationFn: (id: string) => queueApi.cancel(id),
    onSuccess: (entry) => {
      toasts.show({ kind: 'success', title: `Cancelled ${entry?.name ?? 'the entry'}` });
      void client.invalidateQueries({ queryKey: hpcKeys.queue });
    },
    onError: (e) => toasts.show({ kind: 'error', title: 'Could not cancel', message: describeError(e) }),
  });
  if (queue.isError) return <ErrorBanner what="Queue" error={queue.error} onRetry={() => queue.refetch()} />;
  if (!queue.data) return <Loading what="queue" />;
  return (
    <section className="page" aria-labelledby="queue-title">
      <header className="page-header">
        <h1 id="queue-title">Queue</h1>
      </header>
      {queue.data.length === 0 ? (
        <p className="muted" data-testid="queue-empty">Nothing waits for room.</p>
      ) : (
        <table className="table" aria-label="Queue">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Name</th>
              <th scope="col">Owner</th>
              <th scope="col">Priority</th>
              <th scope="col">CPU</th>
              <th scope="col">Queued at</th>
              {canAct && <th scope="col"><span className="sr-only">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {queue.data.map((entry) => (
              <tr key={entry.id} data-testid="queue-row" data-name={entry.name}>
                <td>{entry.position}</td>
                <td>{entry.name}</td>
                <td>{entry.owner ?? '—'}</td>
                <td>{entry.priority}</td>
                <td>{entry.cpu ?? '—'}{entry.cpuPolicy === 'dedicated' ? ' dedicated' : ''}</td>
                <td>{new Date(entry.queuedAt).toLocaleString()}</td>
                {canAct && (
                  <td>
                    <button type="button" className="btn" aria-label={`Cancel ${entry.name}`} disabled={cancel.isPending} onClick={() => cancel.mutate(entry.id)}>
                      Cancel
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
