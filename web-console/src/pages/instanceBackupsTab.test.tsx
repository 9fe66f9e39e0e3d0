// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../auth/AuthContext';
import { saveSession } from '../auth/session';
import { ToastProvider } from '../components/Toasts';
import { nodes } from '../api/nodes';
import InstancePage from './InstancePage';
import { installFakeFetch } from '../test/fakeFetch';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  nodes.reset();
});

const WEB_1 = { name: 'web-1', status: 'Stopped', image: 'busybox', cpu: 1, memoryMiB: 256, host: 'lxd-1', forwards: [] };

function renderAt(path: string) {
  saveSession({ token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username: 'op', role: 'operator' } });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <ToastProvider>
            <Routes>
              <Route path="/instances/:name" element={<InstancePage />} />
              <Route path="/instances/:name/:tab" element={<InstancePage />} />
            </Routes>
          </ToastProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the instance page: the Backups tab', () => {
  it('is shown with the backup capability and opens the backups and schedules', async () => {
    installFakeFetch({
      'GET /api/v1/capabilities': { capabilities: ['instances', 'backup'] },
      'GET /api/v1/instances/web-1': WEB_1,
      'GET /api/v1/instances/web-1/backups': [],
      'GET /api/v1/instances/web-1/schedules': { snapshots: null, backups: null },
    });
    renderAt('/instances/web-1/backups');
    expect(await screen.findByRole('tab', { name: 'Backups' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('No backups.')).toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: 'Back up on a schedule' })).not.toBeChecked();
  });

  it('is not shown without it', async () => {
    installFakeFetch({
      'GET /api/v1/capabilities': { capabilities: ['instances', 'firewall'] },
      'GET /api/v1/instances/web-1': WEB_1,
    });
    renderAt('/instances/web-1');
    expect(await screen.findByRole('tab', { name: 'Firewall' })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Backups' })).not.toBeInTheDocument();
  });
});
