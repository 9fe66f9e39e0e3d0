// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../auth/AuthContext';
import { saveSession } from '../auth/session';
import { ToastProvider } from '../components/Toasts';
import { BulkRunsProvider } from '../live/BulkRunsContext';
import { handleEvent } from '../live/LiveContext';
import { nodes } from '../api/nodes';
import { keys } from '../api/keys';
import type { Role } from '../api/auth';
import type { Instance } from '../api/instances';
import { DashboardPage } from './DashboardPage';
import { installFakeFetch, json, problem, type RecordedCall } from '../test/fakeFetch';

const INSTANCES: Instance[] = ['web-1', 'web-2', 'web-3', 'db-1', 'db-2'].map((name) => ({
  name,
  status: 'Running',
  image: 'busybox',
  cpu: 1,
  memoryMiB: 256,
  host: 'lxd-1',
  node: 'node-1',
  forwards: [],
}));

// jsdom lays nothing out: give every element a size, so the virtualiser finds room for the rows.
const SIZES = ['clientHeight', 'clientWidth'] as const;
const real = SIZES.map((p) => Object.getOwnPropertyDescriptor(Element.prototype, p));
beforeAll(() => SIZES.forEach((p) => Object.defineProperty(Element.prototype, p, { configurable: true, get: () => 800 })));
afterAll(() => SIZES.forEach((p, i) => real[i] && Object.defineProperty(Element.prototype, p, real[i]!)));
afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  nodes.reset();
});

/** A fake server whose per-instance routes answer a PENDING job; `refuse` names get a 409 problem. */
function routes(refuse: string[] = []) {
  const acted: RecordedCall[] = [];
  const answer = (action: string) => (call: RecordedCall) => {
    acted.push(call);
    const name = decodeURIComponent(call.url.split('/')[4].split('?')[0]);
    if (refuse.includes(name)) return problem(409, 'conflict', `Instance '${name}' is busy`);
    return json({ id: `job-${action}-${name}`, type: action, instance: name, state: 'PENDING' }, 202);
  };
  const table: Parameters<typeof installFakeFetch>[0] = {
    'GET /api/v1/capabilities': { capabilities: ['instances'] },
    'GET /api/v1/instances': INSTANCES,
    'GET /api/v1/cluster': { node: 'node-1', nodes: [], hosts: [] },
  };
  for (const i of INSTANCES) {
    for (const action of ['start', 'stop', 'restart']) table[`POST /api/v1/instances/${i.name}/${action}`] = answer(action);
    table[`DELETE /api/v1/instances/${i.name}`] = answer('delete');
  }
  return { table, acted };
}

function renderDashboard(role: Role, path = '/') {
  saveSession({ token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username: 'u', role } });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <ToastProvider>
            <BulkRunsProvider enabled>
              <DashboardPage />
            </BulkRunsProvider>
          </ToastProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

const rowBox = (name: string) => screen.getByRole('checkbox', { name: `Select ${name}` });
const jobEvent = (client: QueryClient, action: string, name: string, state: string, error?: string) =>
  act(() => handleEvent(client, { channel: 'jobs', type: 'job-updated', at: 't', data: { id: `job-${action}-${name}`, type: action, instance: name, state, error } }));

describe('dashboard: selecting many and bulk actions', () => {
  it('a viewer gets neither checkboxes nor the bulk bar', async () => {
    installFakeFetch(routes().table);
    renderDashboard('viewer');
    await screen.findByText('5 shown');
    await screen.findAllByTestId('instance-row');
    expect(screen.queryAllByRole('checkbox')).toEqual([]);
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
    expect(screen.queryByTestId('bulk-hint')).toBeNull();
  });

  it('an operator gets the bar once something is selected, and it goes with the selection', async () => {
    installFakeFetch(routes().table);
    renderDashboard('operator');
    await screen.findAllByTestId('instance-row');
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
    expect(screen.getByTestId('bulk-hint')).toBeInTheDocument();

    await userEvent.click(rowBox('web-1'));
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).getByTestId('selection-count')).toHaveTextContent('1 selected');
    for (const verb of ['Start', 'Stop', 'Restart', 'Delete']) {
      expect(within(bar).getByRole('button', { name: `${verb} the 1 instance selected` })).toBeInTheDocument();
    }
    await userEvent.click(within(bar).getByRole('button', { name: 'Clear selection' }));
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
    expect(rowBox('web-1')).not.toBeChecked();
  });

  it('shift-click selects a range, the header selects all that pass the filter and says when some are hidden', async () => {
    installFakeFetch(routes().table);
    renderDashboard('operator', '/?q=web');
    await screen.findByText('3 of 5 shown');
    const header = screen.getByRole('checkbox', { name: 'Select all 3 shown' });
    await userEvent.click(header);
    expect(screen.getByTestId('selection-count')).toHaveTextContent('3 selected');
    expect(header).toBeChecked();

    // Clear the filter: the three stay selected; the header is now mixed.
    await userEvent.clear(screen.getByLabelText('Search instances'));
    await screen.findByText('5 shown');
    const all = screen.getByRole('checkbox', { name: 'Select all 5 shown' }) as HTMLInputElement;
    expect(all.indeterminate).toBe(true);

    // Sorted by name: db-1, db-2, web-1, web-2, web-3. Click db-1, shift-click web-1 (a range, web-1 selected already).
    // One user-event session, so that the Shift held is held for the click.
    const user = userEvent.setup();
    await user.click(rowBox('web-1'));
    await user.click(rowBox('db-1'));
    await user.keyboard('{Shift>}');
    await user.click(rowBox('web-1'));
    await user.keyboard('{/Shift}');
    expect(['db-1', 'db-2', 'web-1', 'web-2', 'web-3'].map((n) => (rowBox(n) as HTMLInputElement).checked)).toEqual([true, true, true, true, true]);
    expect(all).toBeChecked();

    // From the keyboard: Space ticks the focused box, Shift+Space extends from the last one.
    await user.click(all);
    rowBox('db-2').focus();
    await user.keyboard(' ');
    rowBox('web-2').focus();
    await user.keyboard('{Shift>} {/Shift}');
    expect(['db-1', 'db-2', 'web-1', 'web-2', 'web-3'].map((n) => (rowBox(n) as HTMLInputElement).checked)).toEqual([false, true, true, true, false]);
    await user.click(all);

    await userEvent.type(screen.getByLabelText('Search instances'), 'db');
    await screen.findByText('2 of 5 shown');
    expect(screen.getByTestId('selection-count')).toHaveTextContent('5 selected · 3 hidden by the filter');
  });

  it('keeps the selection when the list is refreshed and drops instances that disappear', async () => {
    installFakeFetch(routes().table);
    const client = renderDashboard('operator');
    await screen.findAllByTestId('instance-row');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all 5 shown' }));
    act(() => client.setQueryData(keys.instances, INSTANCES.map((i) => ({ ...i, usage: { cpuPercent: 3, memoryBytes: 1 } }))));
    expect(screen.getByTestId('selection-count')).toHaveTextContent('5 selected');
    act(() => client.setQueryData(keys.instances, INSTANCES.filter((i) => i.name !== 'db-2')));
    await waitFor(() => expect(screen.getByTestId('selection-count')).toHaveTextContent('4 selected'));
  });

  it('stops the selection after a confirmation, one request each, and shows the run to its end with failures', async () => {
    const server = routes(['web-3']);
    installFakeFetch(server.table);
    const client = renderDashboard('operator');
    await screen.findAllByTestId('instance-row');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all 5 shown' }));
    await userEvent.click(screen.getByRole('button', { name: 'Stop the 5 instances selected' }));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(within(dialog).getByRole('heading')).toHaveTextContent('Stop 5 instances?');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stop 5 instances' }));

    const panel = await screen.findByTestId('bulk-progress');
    await waitFor(() => expect(server.acted).toHaveLength(5));
    expect(server.acted.map((c) => `${c.method} ${c.url}`)).toEqual(
      ['db-1', 'db-2', 'web-1', 'web-2', 'web-3'].map((n) => `POST /api/v1/instances/${n}/stop`),
    );
    jobEvent(client, 'stop', 'db-1', 'IN_PROGRESS');
    await waitFor(() => expect(within(panel).getByTestId('bulk-running')).toHaveTextContent('1'));
    expect(within(panel).getByTestId('bulk-total')).toHaveTextContent('5');
    expect(within(panel).getByTestId('bulk-failed')).toHaveTextContent('1');
    expect(within(panel).queryByTestId('bulk-dismiss')).toBeNull();

    for (const n of ['db-1', 'db-2', 'web-1']) jobEvent(client, 'stop', n, 'COMPLETED');
    jobEvent(client, 'stop', 'web-2', 'FAILED', 'LXD refused: busy');
    await waitFor(() => expect(panel).toHaveAttribute('data-done', 'true'));
    expect(within(panel).getByRole('heading')).toHaveTextContent('Stopped 3 of 5 instances · 2 failed');
    expect(within(panel).getByRole('progressbar')).toHaveAttribute('aria-valuetext', '5 of 5 finished');
    const failures = within(panel).getByTestId('bulk-failures');
    expect(failures).toHaveTextContent("web-3: Instance 'web-3' is busy");
    expect(failures).toHaveTextContent('web-2: LXD refused: busy');

    await userEvent.click(within(panel).getByTestId('bulk-dismiss'));
    expect(screen.queryByTestId('bulk-progress')).toBeNull();
  });

  it('asks before a delete, naming the count, and sends nothing when cancelled', async () => {
    const server = routes();
    installFakeFetch(server.table);
    renderDashboard('admin');
    await screen.findAllByTestId('instance-row');
    await userEvent.click(rowBox('web-1'));
    await userEvent.click(rowBox('web-2'));
    await userEvent.click(screen.getByRole('button', { name: 'Delete the 2 instances selected' }));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog).toHaveTextContent('Delete the 2 instances selected for good');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(server.acted).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Delete the 2 instances selected' }));
    await userEvent.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Delete 2 instances' }));
    await waitFor(() => expect(server.acted.map((c) => `${c.method} ${c.url}`)).toEqual(['DELETE /api/v1/instances/web-1', 'DELETE /api/v1/instances/web-2']));
  });
});
