// @vitest-environment jsdom
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ToastProvider } from '../../components/Toasts';
import { BackupsPanel } from './BackupsPanel';
import { keys } from '../../api/keys';
import { installFakeFetch, json, problem, type RecordedCall } from '../../test/fakeFetch';
import type { Backup } from '../../api/backups';

afterEach(() => {
  vi.unstubAllGlobals();
});

const BASE = '/api/v1/instances/web-1';
const SCHEDULES = `${BASE}/schedules`;
const OFF = { snapshots: null, backups: null };

const good: Backup = {
  id: 'b1',
  instance: 'web-1',
  host: 'lxd-1',
  target: 'directory',
  state: 'good',
  sha256: 'ab'.repeat(32),
  sizeBytes: 12 * 1024 * 1024,
  scheduled: false,
  createdAt: '2026-12-07T10:00:00Z',
};
const scheduledPending: Backup = { ...good, id: 'b0', state: 'pending', sizeBytes: null, sha256: null, scheduled: true, createdAt: '2026-12-07T11:00:00Z' };

function renderPanel(canAct = true) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <BackupsPanel instance="web-1" canAct={canAct} pollMs={20} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return client;
}

const job = (id: string, type: string, state: string, extra: object = {}) => ({ id, type, instance: 'web-1', state, log: [], ...extra });

describe('the Backups tab', () => {
  it('lists the backups, and shows a backup it started until its job completed, then the refreshed list', async () => {
    let listed: Backup[] = [scheduledPending, good];
    let stage = 0;
    const posts: RecordedCall[] = [];
    const { calls } = installFakeFetch({
      [`GET ${BASE}/backups`]: () => json(listed),
      [`GET ${SCHEDULES}`]: OFF,
      [`POST ${BASE}/backups`]: (call) => {
        posts.push(call);
        listed = [{ ...good, id: 'b2', state: 'pending', sizeBytes: null, target: 'restic', createdAt: '2026-12-07T12:00:00Z' }, ...listed];
        return json(job('j1', 'backup.create', 'PENDING'), 202);
      },
      'GET /api/v1/jobs/j1': () => {
        if (stage === 0) return json(job('j1', 'backup.create', 'IN_PROGRESS', { log: ['Exporting web-1', 'Downloaded 12.3 MiB'] }));
        listed = listed.map((b) => (b.id === 'b2' ? { ...b, state: 'good', sizeBytes: 40 * 1024 * 1024 } : b));
        return json(job('j1', 'backup.create', 'COMPLETED', { log: ['Exporting web-1', 'Downloaded 40.0 MiB', 'Stored in restic'] }));
      },
    });
    const client = renderPanel();

    const rows = await screen.findAllByTestId('backup-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByTestId('writing')).toHaveTextContent('writing…');
    expect(within(rows[0]).getByText('yes')).toBeInTheDocument();
    expect(within(rows[1]).getByText('good')).toBeInTheDocument();
    expect(within(rows[1]).getByText('12.0 MiB')).toBeInTheDocument();
    expect(within(rows[0]).getByRole('button', { name: 'Restore backup b0' })).toBeDisabled();

    await userEvent.selectOptions(screen.getByLabelText('Backup target'), 'restic');
    await userEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0].body).toEqual({ target: 'restic' });

    const progress = await screen.findByTestId('job-progress');
    await waitFor(() => expect(progress).toHaveTextContent('Downloaded 12.3 MiB'));
    expect(progress).toHaveTextContent('running');
    expect(await screen.findAllByTestId('backup-row')).toHaveLength(3);
    const polls = calls.filter((c) => c.url.endsWith('/jobs/j1')).length;
    await waitFor(() => expect(calls.filter((c) => c.url.endsWith('/jobs/j1')).length).toBeGreaterThan(polls));

    stage = 1;
    await waitFor(() => expect(screen.getByTestId('job-state')).toHaveTextContent('done'));
    expect(progress).toHaveTextContent('Stored in restic');
    await waitFor(() => expect(within(screen.getAllByTestId('backup-row')[0]).getByText('good')).toBeInTheDocument());
    expect(within(screen.getAllByTestId('backup-row')[0]).getByText('40.0 MiB')).toBeInTheDocument();

    // Polling stops once the job is done: every observer of the job's query asks for no further refetch.
    const query = client.getQueryCache().find({ queryKey: keys.job('j1') });
    expect(query?.observers.length).toBeGreaterThan(0);
    for (const observer of query!.observers) {
      const interval = observer.options.refetchInterval;
      expect(typeof interval === 'function' ? interval(query!) : interval).toBe(false);
    }
  });

  it('restores as a new instance on a chosen host, or over the original, and shows a failed job\'s error', async () => {
    const restores: RecordedCall[] = [];
    installFakeFetch({
      [`GET ${BASE}/backups`]: [good],
      [`GET ${SCHEDULES}`]: OFF,
      'POST /api/v1/backups/b1/restore': (call) => {
        restores.push(call);
        return json(job(`r${restores.length}`, 'backup.restore', 'PENDING'), 202);
      },
      'GET /api/v1/jobs/r1': job('r1', 'backup.restore', 'COMPLETED', { log: ['Archive fetched and its sha256 checked; importing', 'Imported as web-2'] }),
      'GET /api/v1/jobs/r2': job('r2', 'backup.restore', 'FAILED', { error: 'The archive does not match its sha256' }),
    });
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Restore backup b1' }));
    const dialog = screen.getByTestId('restore-dialog');
    const name = within(dialog).getByLabelText('New instance name');
    expect(name).toHaveValue('web-1-restored');
    await userEvent.clear(name);
    await userEvent.type(name, 'Web 2');
    expect(within(dialog).getByText(/must start with a lowercase letter|may contain only/)).toBeInTheDocument();
    await userEvent.clear(name);
    await userEvent.type(name, 'web-2');
    await userEvent.type(within(dialog).getByLabelText('Host (optional)'), 'lxd-2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(restores).toHaveLength(1));
    expect(restores[0].body).toEqual({ name: 'web-2', host: 'lxd-2' });
    await waitFor(() => expect(screen.getByTestId('job-progress')).toHaveTextContent('Imported as web-2'));
    expect(screen.getByTestId('job-progress')).toHaveTextContent('Restore of web-1 as web-2: done');

    await userEvent.click(screen.getByRole('button', { name: 'Restore backup b1' }));
    const again = screen.getByTestId('restore-dialog');
    await userEvent.click(within(again).getByRole('radio', { name: /Over the original/ }));
    expect(within(again).getByRole('note')).toHaveTextContent('web-1 is replaced');
    await userEvent.click(within(again).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(restores).toHaveLength(2));
    expect(restores[1].body).toEqual({});
    const failed = await waitFor(() => {
      const line = screen.getAllByTestId('job-progress').find((p) => p.getAttribute('data-state') === 'FAILED');
      expect(line).toBeDefined();
      return line!;
    });
    expect(failed).toHaveTextContent('Restore of web-1 over the original: failed — The archive does not match its sha256');
    expect(failed).toHaveAttribute('role', 'alert');
  });

  it('shows the server\'s 409 when a delete is refused, and the verify result', async () => {
    const deletes: RecordedCall[] = [];
    installFakeFetch({
      [`GET ${BASE}/backups`]: [good, { ...good, id: 'b3', createdAt: '2026-12-06T10:00:00Z' }],
      [`GET ${SCHEDULES}`]: OFF,
      'DELETE /api/v1/backups/b1': (call) => {
        deletes.push(call);
        return problem(409, 'in-progress', 'The backup b1 is still being written');
      },
      'POST /api/v1/backups/b1/verify': { id: 'b1', good: true },
      'POST /api/v1/backups/b3/verify': { id: 'b3', good: false },
    });
    renderPanel();

    await userEvent.click(await screen.findByRole('button', { name: 'Delete backup b1' }));
    const confirm = screen.getByTestId('confirm-dialog');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(deletes).toHaveLength(1));
    expect(await screen.findByText(/The backup b1 is still being written/)).toBeInTheDocument();
    expect(screen.getAllByTestId('backup-row')).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Verify backup b1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Verify backup b3' }));
    const [first, second] = screen.getAllByTestId('backup-row');
    expect(await within(first).findByTestId('verify-result')).toHaveTextContent('verified');
    expect(await within(second).findByTestId('verify-result')).toHaveTextContent('checksum mismatch');
  });

  it('downloads the archive through the client', async () => {
    const created: Blob[] = [];
    const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = (b: Blob) => (created.push(b as Blob), 'blob:x');
    URL.revokeObjectURL = () => undefined;
    onTestFinished(() => {
      URL.createObjectURL = saved.create;
      URL.revokeObjectURL = saved.revoke;
    });
    const { calls } = installFakeFetch({
      [`GET ${BASE}/backups`]: [good],
      [`GET ${SCHEDULES}`]: OFF,
      'GET /api/v1/backups/b1/archive': () => new Response('tarball', { status: 200, headers: { 'Content-Type': 'application/gzip' } }),
    });
    renderPanel();
    await userEvent.click(await screen.findByRole('button', { name: 'Download backup b1' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(await created[0].text()).toBe('tarball');
    expect(calls.find((c) => c.url.endsWith('/archive'))?.method).toBe('GET');
  });

  it('shows a refused backup (an unconfigured target)', async () => {
    installFakeFetch({
      [`GET ${BASE}/backups`]: [],
      [`GET ${SCHEDULES}`]: OFF,
      [`POST ${BASE}/backups`]: problem(422, 'validation', 'target: restic has no repository set'),
    });
    renderPanel();
    expect(await screen.findByText('No backups.')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Backup target'), 'restic');
    await userEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('restic has no repository set');
  });

  it('is read-only for a viewer', async () => {
    installFakeFetch({ [`GET ${BASE}/backups`]: [good], [`GET ${SCHEDULES}`]: { snapshots: { cron: '@daily', expiry: '7d', keep: 7 }, backups: null } });
    renderPanel(false);
    expect(await screen.findAllByTestId('backup-row')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Back up now' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete backup b1' })).not.toBeInTheDocument();
    expect(await screen.findByLabelText('Snapshot cron')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save schedules' })).not.toBeInTheDocument();
  });
});

describe('the Schedules section', () => {
  it('saves both schedules in one PUT, an off one as null', async () => {
    const puts: RecordedCall[] = [];
    installFakeFetch({
      [`GET ${BASE}/backups`]: [],
      [`GET ${SCHEDULES}`]: { snapshots: null, backups: { cron: '0 3 * * *', target: 'directory', keep: 7 } },
      [`PUT ${SCHEDULES}`]: (call) => {
        puts.push(call);
        return json(call.body);
      },
    });
    renderPanel();

    expect(await screen.findByLabelText('Backup cron')).toHaveValue('0 3 * * *');
    expect(screen.queryByLabelText('Snapshot cron')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Take snapshots on a schedule' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'Snapshot cron presets' })).getByRole('button', { name: '@hourly' }));
    const expiry = screen.getByLabelText('Snapshot expiry');
    await userEvent.clear(expiry);
    await userEvent.type(expiry, '12h');
    const kept = screen.getByLabelText('Snapshots kept');
    await userEvent.clear(kept);
    await userEvent.type(kept, '24');
    await userEvent.selectOptions(screen.getByLabelText('Scheduled backup target'), '');
    const backupsKept = screen.getByLabelText('Backups kept');
    await userEvent.clear(backupsKept);
    await userEvent.type(backupsKept, '14');
    await userEvent.click(screen.getByRole('button', { name: 'Save schedules' }));

    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0].body).toEqual({
      snapshots: { cron: '@hourly', expiry: '12h', keep: 24 },
      backups: { cron: '0 3 * * *', target: null, keep: 14 },
    });

    await userEvent.click(screen.getByRole('checkbox', { name: 'Back up on a schedule' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save schedules' }));
    await waitFor(() => expect(puts).toHaveLength(2));
    expect(puts[1].body).toEqual({ snapshots: { cron: '@hourly', expiry: '12h', keep: 24 }, backups: null });
  });

  it('keeps bad fields from being sent and shows what is wrong', async () => {
    const { calls } = installFakeFetch({
      [`GET ${BASE}/backups`]: [],
      [`GET ${SCHEDULES}`]: { snapshots: { cron: '@daily', expiry: '7d', keep: 7 }, backups: null },
    });
    renderPanel();
    const cron = await screen.findByLabelText('Snapshot cron');
    await userEvent.clear(cron);
    await userEvent.type(cron, '0 3 * *');
    expect(screen.getByText(/Needs five fields/)).toBeInTheDocument();
    const expiry = screen.getByLabelText('Snapshot expiry');
    await userEvent.clear(expiry);
    await userEvent.type(expiry, '7 days');
    expect(screen.getByText(/A number and m, h, d or w/)).toBeInTheDocument();
    const kept = screen.getByLabelText('Snapshots kept');
    await userEvent.clear(kept);
    await userEvent.type(kept, '-1');
    expect(screen.getByText(/A whole number/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save schedules' })).toBeDisabled();
    await userEvent.clear(cron);
    await userEvent.type(cron, '@sometimes');
    expect(screen.getByText(/One of @hourly/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('shows the server\'s 422 at its field and keeps the edit', async () => {
    installFakeFetch({
      [`GET ${BASE}/backups`]: [],
      [`GET ${SCHEDULES}`]: { snapshots: null, backups: { cron: '0 3 * * *', target: 'restic', keep: 7 } },
      [`PUT ${SCHEDULES}`]: problem(422, 'validation', 'backups.cron: day of month 31 never comes in February', {
        errors: [{ field: 'backups.cron', message: 'day of month 31 never comes in February' }],
      }),
    });
    renderPanel();
    const cron = await screen.findByLabelText('Backup cron');
    await userEvent.clear(cron);
    await userEvent.type(cron, '0 3 31 2 *');
    await userEvent.click(screen.getByRole('button', { name: 'Save schedules' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.some((a) => a.textContent?.includes('The schedules: backups.cron: day of month 31'))).toBe(true);
    expect(cron).toHaveAttribute('aria-invalid', 'true');
    expect(cron).toHaveValue('0 3 31 2 *');
  });
});
