// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../../auth/AuthContext';
import { saveSession } from '../../auth/session';
import { ToastProvider } from '../../components/Toasts';
import TenantsPage from './TenantsPage';
import { installFakeFetch } from '../../test/fakeFetch';

beforeEach(() => {
  saveSession({ token: 'admin-token', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username: 'admin', role: 'admin' } });
});

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function renderTenants() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <AuthProvider>
          <ToastProvider>
            <TenantsPage />
          </ToastProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('TenantsPage', () => {
  it('shows each tenant quota card with what its instances hold, and creates a tenant', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/tenants': [
        { name: 'default', quota: {}, createdAt: '2026-01-01T00:00:00Z' },
        { name: 'lab', quota: { instances: 5, cpu: 4 }, createdAt: '2026-01-01T00:00:00Z' },
      ],
      'GET /api/v1/tenants/default': { name: 'default', quota: {}, members: [{ tenant: 'default', username: 'admin', role: 'tenant-admin' }] },
      'GET /api/v1/tenants/lab': { name: 'lab', quota: {}, members: [] },
      'GET /api/v1/instances': [
        { name: 'a', cpu: 1, memoryMiB: 64, tenant: 'lab' },
        { name: 'b', cpu: 2, memoryMiB: 64, tenant: 'lab' },
        { name: 'c', cpu: 1, memoryMiB: 64, tenant: 'default' },
      ],
      'POST /api/v1/tenants': { name: 'new', quota: { instances: 2 }, createdAt: '2026-01-01T00:00:00Z' },
    });
    renderTenants();
    const lab = await screen.findByTestId('tenant-lab');
    expect(await within(lab).findByText('2 / 5')).toBeTruthy();
    expect(within(lab).getByText('3 / 4')).toBeTruthy();
    expect(within(await screen.findByTestId('tenant-default')).queryByRole('button', { name: 'Delete' })).toBeNull();

    await userEvent.type(screen.getByLabelText('Name'), 'new');
    await userEvent.type(screen.getByLabelText('Instances'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await vi.waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'new',
      quota: { cpu: null, memoryMiB: null, instances: 2 },
    }));
  });
});
