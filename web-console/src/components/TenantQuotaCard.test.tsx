// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { tenantSelection } from '../api/tenants';
import { TenantQuotaCard } from './TenantQuotaCard';
import { installFakeFetch } from '../test/fakeFetch';

const TENANTS = [
  { name: 'zoo', quota: { instances: 9 }, createdAt: '2026-01-01T00:00:00Z' },
  { name: 'lab', quota: { instances: 3, cpu: 4 }, createdAt: '2026-01-01T00:00:00Z' },
];

afterEach(() => {
  // Unmounted first: the reset would otherwise update a card still on screen.
  cleanup();
  tenantSelection.set(null);
  vi.unstubAllGlobals();
});

function renderCard(admin: boolean) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <TenantQuotaCard admin={admin} instances={[{ cpu: 2, memoryMiB: 256, tenant: 'lab' }]} />
    </QueryClientProvider>,
  );
}

describe('TenantQuotaCard', () => {
  it("shows a member's first tenant by name, as the server acts in it", async () => {
    installFakeFetch({ 'GET /api/v1/tenants': TENANTS });
    renderCard(false);
    const card = await screen.findByTestId('tenant-quota');
    expect(card).toHaveTextContent('Tenant lab');
    expect(within(card).getByTestId('tenant-quota-instances')).toHaveTextContent('1 / 3');
    expect(within(card).getByTestId('tenant-quota-cpu')).toHaveTextContent('2 / 4');
    expect(within(card).getByTestId('tenant-quota-memory')).toHaveTextContent('256 / ∞');
  });

  it('follows the chosen tenant, and shows none for an admin acting in every tenant', async () => {
    installFakeFetch({ 'GET /api/v1/tenants': TENANTS });
    renderCard(true);
    await vi.waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    expect(screen.queryByTestId('tenant-quota')).toBeNull();
    act(() => tenantSelection.set('zoo'));
    expect(await screen.findByTestId('tenant-quota')).toHaveTextContent('Tenant zoo');
  });
});
