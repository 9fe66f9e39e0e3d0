// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../auth/AuthContext';
import { saveSession } from '../auth/session';
import { ToastProvider } from '../components/Toasts';
import { BulkRunsProvider } from '../live/BulkRunsContext';
import { NodeSwitchNotice } from '../components/NodeSwitchNotice';
import { NodeDirectory, nodes } from '../api/nodes';
import { DashboardPage } from './DashboardPage';
import CreateInstancePage from './CreateInstancePage';
import { installFakeFetch, json } from '../test/fakeFetch';
import { sampleCluster } from '../test/clusterFixture';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  nodes.reset();
});

const INSTANCES = [
  { name: 'web-1', status: 'Running', image: 'busybox', cpu: 1, memoryMiB: 256, host: 'lxd-1', node: 'node-1', forwards: [] },
  { name: 'web-2', status: 'Running', image: 'busybox', cpu: 1, memoryMiB: 256, host: 'lxd-2', node: 'node-2', forwards: [] },
  { name: 'db-1', status: 'Stopped', image: 'debian/12', cpu: 2, memoryMiB: 1024, host: 'lxd-2', node: 'node-2', forwards: [] },
];

function renderAt(path: string, children = <></>) {
  saveSession({ token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username: 'op', role: 'operator' } });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <ToastProvider>
            <BulkRunsProvider enabled>
              {children}
              <Routes>
                <Route path="/" element={<DashboardPage />} />
                <Route path="/instances/new" element={<CreateInstancePage />} />
              </Routes>
            </BulkRunsProvider>
          </ToastProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('instance list: the host filter', () => {
  it('offers All hosts and the cluster\'s hosts, and filters the loaded list at once', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/capabilities': { capabilities: ['instances'] },
      'GET /api/v1/instances': INSTANCES,
      'GET /api/v1/cluster': { ...sampleCluster(), hosts: [sampleCluster().hosts[0], sampleCluster().hosts[1], { ...sampleCluster().hosts[0], name: 'lxd-3' }] },
    });
    renderAt('/');
    const select = await screen.findByTestId('host-filter');
    await screen.findByRole('option', { name: 'lxd-3' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['All hosts', 'lxd-1', 'lxd-2', 'lxd-3']);
    expect(screen.getByText('3 shown')).toBeInTheDocument();

    await userEvent.selectOptions(select, 'lxd-2');
    expect(screen.getByText('2 of 3 shown')).toBeInTheDocument();
    await userEvent.selectOptions(select, 'lxd-3');
    expect(screen.getByText('0 of 3 shown')).toBeInTheDocument();
    // Filtered on the client: the list was read once, without ?host=.
    expect(calls.filter((c) => c.url.startsWith('/api/v1/instances')).map((c) => c.url)).toEqual(['/api/v1/instances']);
    expect(screen.getByRole('columnheader', { name: /Host/ })).toBeInTheDocument();
  });
});

describe('create instance: the Host select', () => {
  const routes = (onPost: (body: unknown) => void) => ({
    'GET /api/v1/capabilities': { capabilities: ['instances'] },
    'GET /api/v1/instances': INSTANCES,
    'GET /api/v1/images': [{ fingerprint: 'a'.repeat(64), aliases: ['busybox'] }],
    'GET /api/v1/cluster': sampleCluster(),
    'POST /api/v1/instances': (call: { body: unknown }) => {
      onPost(call.body);
      return json({ id: 'j1', type: 'create', instance: 'web-3', state: 'PENDING' }, 202);
    },
  });

  async function fillAndCreate(host?: string) {
    await userEvent.type(await screen.findByLabelText('Name'), 'web-3');
    await userEvent.selectOptions(await screen.findByLabelText('Image'), 'busybox');
    const select = await screen.findByTestId('host-select');
    expect(within(select).getAllByRole('option')[0]).toHaveTextContent('Automatic (placement)');
    if (host) await userEvent.selectOptions(select, host);
    await userEvent.click(screen.getByRole('button', { name: /Review/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Create instance' }));
  }

  it('leaves "host" out by default, for the placement to choose', async () => {
    const posted = vi.fn();
    installFakeFetch(routes(posted));
    renderAt('/instances/new');
    await fillAndCreate();
    await vi.waitFor(() => expect(posted).toHaveBeenCalledTimes(1));
    expect(posted.mock.calls[0][0]).not.toHaveProperty('host');
  });

  it('sends the host chosen', async () => {
    const posted = vi.fn();
    installFakeFetch(routes(posted));
    renderAt('/instances/new');
    await fillAndCreate('lxd-2');
    await vi.waitFor(() => expect(posted).toHaveBeenCalledTimes(1));
    expect(posted.mock.calls[0][0]).toMatchObject({ name: 'web-3', image: 'busybox', host: 'lxd-2' });
  });
});

describe('NodeSwitchNotice', () => {
  it('says "Reconnected to node-2" once the new node answered', async () => {
    const directory = new NodeDirectory({ origin: () => 'http://n1:8081', storage: () => null });
    directory.remember({ node: 'node-1', nodes: [{ name: 'node-1', state: 'up', url: 'http://n1:8081' }, { name: 'node-2', state: 'up', url: 'http://n2:8082' }] });
    installFakeFetch({ 'GET /api/v1/capabilities': { capabilities: [] }, 'GET /api/v1/instances': [] });
    renderAt('/', <NodeSwitchNotice directory={directory} />);
    act(() => void directory.failover());
    expect(screen.queryByText('Reconnected to node-2')).toBeNull();
    act(() => directory.reachable('http://n2:8082'));
    expect(await screen.findByText('Reconnected to node-2')).toBeInTheDocument();
    expect(screen.getByText('node-1 stopped answering; the console now talks to node-2.')).toBeInTheDocument();
  });
});
