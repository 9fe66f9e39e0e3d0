// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../auth/AuthContext';
import { saveSession } from '../auth/session';
import { ToastProvider } from '../components/Toasts';
import { handleEvent } from '../live/LiveContext';
import { nodes } from '../api/nodes';
import type { Role } from '../api/auth';
import ClusterPage, { CLUSTER_REFRESH_MS } from './ClusterPage';
import { DEFAULT_SOCKET, toNewHost } from './cluster/AddHostDialog';
import { installFakeFetch, json, problem } from '../test/fakeFetch';
import { sampleCluster } from '../test/clusterFixture';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  sessionStorage.clear();
  nodes.reset();
});

function renderCluster(role: Role = 'admin') {
  saveSession({ token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username: 'u', role } });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <AuthProvider>
          <ToastProvider>
            <ClusterPage />
          </ToastProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

const row = (testId: string, name: string) => screen.getAllByTestId(testId).find((r) => r.dataset.name === name)!;

describe('ClusterPage', () => {
  it('lists the nodes, marking the one answering, and the hosts with their allocation', async () => {
    installFakeFetch({ 'GET /api/v1/cluster': sampleCluster() });
    renderCluster('viewer');
    expect(await screen.findByTestId('cluster-summary')).toHaveTextContent('2 nodes · 2 hosts · answered by node-2 · placement most-free-capacity');
    expect(within(row('node-row', 'node-2')).getByTestId('node-local')).toBeInTheDocument();
    expect(within(row('node-row', 'node-1')).queryByTestId('node-local')).toBeNull();
    expect(row('node-row', 'node-1')).toHaveTextContent('127.0.0.1:5701');
    expect(row('node-row', 'node-2')).toHaveTextContent('lxd-2');

    const lxd2 = row('host-row', 'lxd-2');
    expect(within(lxd2).getByText('online')).toBeInTheDocument();
    expect(within(lxd2).getByRole('meter', { name: 'lxd-2 CPU allocated' })).toHaveAttribute('aria-valuetext', '2 cores of 4 cores allocated (50%)');
    expect(within(lxd2).getByRole('meter', { name: 'lxd-2 memory allocated' })).toHaveAttribute('aria-valuenow', '1024');
    // A viewer reads; only admins add or remove hosts.
    expect(screen.queryByRole('button', { name: '+ Add host' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove host/ })).toBeNull();
  });

  /** The reads of the cluster itself (the history plots below it fetch their statistics besides). */
  const clusterCalls = (calls: Array<{ url: string }>) => calls.filter((c) => c.url.split('?')[0].endsWith('/api/v1/cluster'));

  it('shows the history of the cluster, and of a host once picked', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/cluster': sampleCluster(),
      'GET /api/v1/cluster/stats': { metric: 'cpu', step: 10, points: [{ t: '2026-12-07T10:00:00Z', min: 1, avg: 2, max: 3 }] },
      'GET /api/v1/hosts/lxd-2/stats': { metric: 'cpu', step: 10, points: [] },
    });
    renderCluster();
    await screen.findAllByTestId('host-row');
    await waitFor(() => expect(screen.getByTestId('stats-cpu')).toHaveAttribute('data-points', '1'));
    expect(calls.some((c) => c.url.includes('/api/v1/cluster/stats?metric=netTx&from=-1h'))).toBe(true);
    fireEvent.change(screen.getByLabelText('History of'), { target: { value: 'lxd-2' } });
    await waitFor(() => expect(calls.some((c) => c.url.includes('/api/v1/hosts/lxd-2/stats?metric=cpu'))).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Year' }));
    await waitFor(() => expect(calls.some((c) => c.url.includes('/api/v1/hosts/lxd-2/stats?metric=memory&from=-1y'))).toBe(true));
  });

  it('changes at once when a cluster event comes in', async () => {
    const { calls } = installFakeFetch({ 'GET /api/v1/cluster': sampleCluster() });
    const client = renderCluster();
    await screen.findAllByTestId('host-row');
    const offline = { ...sampleCluster().hosts[1], owner: null, state: 'unowned' };
    act(() => handleEvent(client, { channel: 'cluster', type: 'host-updated', at: 't', data: offline }));
    // From the event alone: the fake server still says online, and a host event does not refetch.
    await waitFor(() => expect(row('host-row', 'lxd-2')).toHaveAttribute('data-state', 'unowned'));
    expect(row('node-row', 'node-2')).toHaveTextContent('none');
    expect(clusterCalls(calls)).toHaveLength(1);
  });

  it('reads the cluster again every 10 s, in case an event was lost', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = installFakeFetch({ 'GET /api/v1/cluster': sampleCluster() });
    renderCluster();
    await screen.findAllByTestId('host-row');
    expect(clusterCalls(calls)).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(CLUSTER_REFRESH_MS));
    expect(clusterCalls(calls)).toHaveLength(2);
  });

  it("shows the server's refusal to remove a host that still has instances", async () => {
    installFakeFetch({
      'GET /api/v1/cluster': sampleCluster(),
      'DELETE /api/v1/hosts/lxd-2': problem(409, 'host-in-use', "Host 'lxd-2' still has 2 instance(s)"),
    });
    renderCluster();
    await userEvent.click(await screen.findByRole('button', { name: 'Remove host lxd-2' }));
    await userEvent.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Could not remove lxd-2')).toBeInTheDocument();
    expect(screen.getByTestId('toast')).toHaveAttribute('data-kind', 'error');
    expect(screen.getByTestId('toast')).toHaveTextContent("Host 'lxd-2' still has 2 instance(s)");
  });

  it('adds a host: checks the form, posts one endpoint, shows a refusal on its field', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/cluster': sampleCluster(),
      'POST /api/v1/hosts': (call) =>
        (call.body as { name: string }).name === 'lxd-1'
          ? problem(422, 'validation', 'name: taken', { errors: [{ field: 'name', message: 'is taken' }] })
          : json({ ...sampleCluster().hosts[0], name: 'lxd-3', owner: 'node-1' }, 201),
    });
    renderCluster();
    await userEvent.click(await screen.findByRole('button', { name: '+ Add host' }));
    const dialog = screen.getByTestId('add-host-dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add host' }));
    expect(within(dialog).getByLabelText('Name')).toHaveAccessibleDescription(/Host name is required/);
    expect(within(dialog).getByLabelText('URL')).toHaveAccessibleDescription(/Give the LXD URL/);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('Name'), 'lxd-1');
    await userEvent.type(within(dialog).getByLabelText('URL'), 'https://lxd-1:8443');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add host' }));
    expect(await within(dialog).findByText('is taken')).toBeInTheDocument();

    await userEvent.clear(within(dialog).getByLabelText('Name'));
    await userEvent.type(within(dialog).getByLabelText('Name'), 'lxd-3');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'The local LXD socket' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add host' }));
    expect(await screen.findByText('Host lxd-3 added')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({
      name: 'lxd-3',
      socket: '/var/snap/lxd/common/lxd/unix.socket',
      project: 'default',
    });
  });
});

describe('toNewHost', () => {
  const remote = {
    name: 'lxd-3',
    endpoint: 'url' as const,
    url: ' https://lxd-3.example:8443 ',
    socket: DEFAULT_SOCKET,
    project: 'default',
    clientCertificate: '',
    clientKey: '',
    serverCertificate: '',
  };
  it('sends one endpoint and no empty optional field', () => {
    expect(toNewHost({ ...remote, clientCertificate: ' C ', clientKey: 'K' })).toEqual({
      name: 'lxd-3',
      project: 'default',
      url: 'https://lxd-3.example:8443',
      clientCertificate: 'C',
      clientKey: 'K',
      serverCertificate: undefined,
    });
    expect(toNewHost({ ...remote, endpoint: 'socket' })).toEqual({ name: 'lxd-3', project: 'default', socket: '/var/snap/lxd/common/lxd/unix.socket' });
  });
});
