// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AuthProvider } from '../../auth/AuthContext';
import { saveSession } from '../../auth/session';
import { ToastProvider } from '../../components/Toasts';
import type { Role } from '../../api/auth';
import type { Gang, GangRun } from '../../api/hpc';
import GangsPage from './GangsPage';
import QueuePage from './QueuePage';
import CoreMapPage from './CoreMapPage';
import { installFakeFetch, json, problem } from '../../test/fakeFetch';
import { sampleCluster } from '../../test/clusterFixture';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function renderPage(page: ReactNode, role: Role = 'operator') {
  saveSession({ token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username: 'u', role } });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <AuthProvider>
          <ToastProvider>{page}</ToastProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const gang: Gang = {
  name: 'hg',
  owner: 'u',
  state: 'running',
  count: 2,
  spread: 'host',
  template: { image: 'axion/busybox', cpu: 1, memoryMiB: 64, cpuPolicy: 'dedicated' },
  jobId: 'j1',
  reason: null,
  createdAt: '2026-12-07T17:00:00Z',
  members: [
    { name: 'hg-0', index: 0, host: 'lxd-1', state: 'RUNNING', cpus: '0-0', gpus: [] },
    { name: 'hg-1', index: 1, host: 'lxd-2', state: 'RUNNING', cpus: '1-1', gpus: [] },
  ],
};

const run: GangRun = {
  id: 'r1',
  gang: 'hg',
  state: 'succeeded',
  command: ['/bin/sh', '-c', 'hostname'],
  createdAt: '2026-12-07T17:01:00Z',
  finishedAt: '2026-12-07T17:01:01Z',
  members: [
    { name: 'hg-0', host: 'lxd-1', state: 'exited', exitCode: 0, stdout: 'hg-0\n', stderr: '', truncated: false },
    { name: 'hg-1', host: 'lxd-2', state: 'exited', exitCode: 0, stdout: 'hg-1\n', stderr: '', truncated: false },
  ],
};

describe('GangsPage', () => {
  it('lists gangs with their members, hosts and pins, and a viewer gets no actions', async () => {
    installFakeFetch({ 'GET /api/v1/gangs': [gang] });
    renderPage(<GangsPage />, 'viewer');
    const row = await screen.findByTestId('gang-row');
    expect(row).toHaveTextContent('running');
    expect(row).toHaveTextContent('hg-0@lxd-1 [0-0], hg-1@lxd-2 [1-1]');
    expect(screen.queryByRole('button', { name: 'Delete gang hg' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Create gang' })).toBeNull();
  });

  it('creates a gang from the form, sending the template', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/gangs': [],
      'POST /api/v1/gangs': json({ ...gang, name: 'new', state: 'queued', members: [] }, 202),
    });
    renderPage(<GangsPage />);
    expect(await screen.findByTestId('gangs-empty')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'new');
    await user.type(screen.getByLabelText('Image'), 'axion/busybox');
    await user.click(screen.getByLabelText('Queue when full'));
    await user.click(screen.getByRole('button', { name: 'Create gang' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      name: 'new',
      count: 2,
      template: { image: 'axion/busybox', cpu: 1, memoryMiB: 256, cpuPolicy: 'dedicated' },
      spread: 'host',
      queue: true,
    });
    expect(await screen.findByText('Gang new queued')).toBeInTheDocument();
  });

  it('deletes a gang', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/gangs': [gang],
      'DELETE /api/v1/gangs/hg': json({ id: 'j2', state: 'PENDING' }, 202),
    });
    renderPage(<GangsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete gang hg' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url.endsWith('/api/v1/gangs/hg'))).toBe(true));
    expect(await screen.findByText('Deleting gang hg')).toBeInTheDocument();
  });

  it('runs a command in every member and shows each member its output and exit code', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/gangs': [gang],
      'POST /api/v1/gangs/hg/runs': json({ ...run, state: 'running' }, 202),
      'GET /api/v1/gangs/hg/runs/r1': run,
    });
    renderPage(<GangsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    expect(await screen.findByTestId('run-state')).toHaveTextContent('succeeded');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ command: 'hostname' });
    const members = screen.getAllByTestId('member-run');
    expect(members).toHaveLength(2);
    expect(within(members[1]).getByText('hg-1', { selector: 'pre' })).toBeInTheDocument();
    expect(members[0]).toHaveTextContent('exit 0');
  });

  it('tells why a create was refused', async () => {
    installFakeFetch({
      'GET /api/v1/gangs': [],
      'POST /api/v1/gangs': problem(422, 'quota-exceeded', 'No room for all 6 members of gang \'big\''),
    });
    renderPage(<GangsPage />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'big');
    await user.type(screen.getByLabelText('Image'), 'axion/busybox');
    await user.click(screen.getByRole('button', { name: 'Create gang' }));
    expect(await screen.findByText(/No room for all 6 members/)).toBeInTheDocument();
  });
});

describe('QueuePage', () => {
  it('lists the waiting creates in order and cancels one', async () => {
    const entry = { id: 'q1', name: 'wait-a', owner: 'u', priority: 5, cpu: 1, memoryMiB: 64, cpuPolicy: 'dedicated', gpus: null, queuedAt: '2026-12-07T17:00:00Z', state: 'queued', position: 1 };
    const { calls } = installFakeFetch({
      'GET /api/v1/queue': [entry],
      'DELETE /api/v1/queue/q1': entry,
    });
    renderPage(<QueuePage />);
    const row = await screen.findByTestId('queue-row');
    expect(row).toHaveTextContent('wait-a');
    expect(row).toHaveTextContent('1 dedicated');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Cancel wait-a' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    expect(await screen.findByText('Cancelled wait-a')).toBeInTheDocument();
  });

  it('says when nothing waits', async () => {
    installFakeFetch({ 'GET /api/v1/queue': [] });
    renderPage(<QueuePage />, 'viewer');
    expect(await screen.findByTestId('queue-empty')).toBeInTheDocument();
  });
});

describe('CoreMapPage', () => {
  it('shows each NUMA node its cores and who is pinned to each', async () => {
    installFakeFetch({
      'GET /api/v1/cluster': sampleCluster(),
      'GET /api/v1/hpc/hosts/lxd-1/cores': {
        host: 'lxd-1',
        simulated: true,
        numaNodes: [{ id: 0, memoryBytes: 1 }, { id: 1, memoryBytes: 1 }],
        cores: [
          { cpu: 0, socket: 0, core: 0, numaNode: 0, pinnedTo: 'hg-0' },
          { cpu: 1, socket: 0, core: 1, numaNode: 1, pinnedTo: null },
        ],
        gpus: [{ pci: '0000:e0:00.0', product: 'simulated GPU 0', numaNode: 0, simulated: true, heldBy: 'hg-0' }],
      },
    });
    renderPage(<CoreMapPage />, 'viewer');
    const cores = await screen.findAllByTestId('core');
    expect(cores.map((c) => c.textContent)).toEqual(['CPU 0: hg-0', 'CPU 1: free']);
    expect(within(screen.getByRole('region', { name: 'NUMA node 1' })).getByText('CPU 1: free')).toBeInTheDocument();
    expect(screen.getByTestId('cores-simulated')).toBeInTheDocument();
    expect(screen.getByTestId('gpu')).toHaveTextContent('0000:e0:00.0 simulated GPU 0: hg-0');
  });
});
