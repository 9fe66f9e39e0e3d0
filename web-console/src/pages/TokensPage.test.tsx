// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../auth/AuthContext';
import { saveSession } from '../auth/session';
import { ToastProvider } from '../components/Toasts';
import type { Role } from '../api/auth';
import TokensPage from './TokensPage';
import { installFakeFetch, json, problem } from '../test/fakeFetch';

const CI_TOKEN = {
  id: 'tk1',
  name: 'ci',
  owner: 'ann',
  scopes: ['read'],
  tenant: 'lab',
  createdAt: '2026-03-01T10:00:00Z',
  expiresAt: null,
  lastUsedAt: '2026-03-02T10:00:00Z',
};
const TENANTS = [{ name: 'lab', quota: {}, createdAt: '2026-01-01T00:00:00Z' }];

function signIn(username: string, role: Role) {
  saveSession({ token: `${username}-token`, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username, role } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function renderTokens() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <AuthProvider>
          <ToastProvider>
            <TokensPage />
          </ToastProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('TokensPage', () => {
  it("lists the user's tokens and offers no scope above their role", async () => {
    signIn('ann', 'operator');
    installFakeFetch({ 'GET /api/v1/tokens': [CI_TOKEN], 'GET /api/v1/tenants': TENANTS });
    renderTokens();
    const row = await screen.findByTestId('token-row');
    expect(within(row).getByText('ci')).toBeInTheDocument();
    expect(within(row).getByText('lab')).toBeInTheDocument();
    expect(within(row).getByText('never')).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Owner' })).toBeNull();
    expect(screen.getByTestId('token-scope-read')).toBeInTheDocument();
    expect(screen.getByTestId('token-scope-operate')).toBeInTheDocument();
    expect(screen.queryByTestId('token-scope-admin')).toBeNull();
    expect(screen.queryByTestId('tokens-all')).toBeNull();
    expect(await screen.findByRole('option', { name: 'lab' })).toBeInTheDocument();
  });

  it('creates a token and shows its secret once, with a copy button', async () => {
    signIn('ann', 'operator');
    let listed: object[] = [];
    const { calls } = installFakeFetch({
      'GET /api/v1/tokens': () => json(listed),
      'GET /api/v1/tenants': TENANTS,
      'POST /api/v1/tokens': () => {
        listed = [{ ...CI_TOKEN, scopes: ['read', 'operate'] }];
        return json({ ...CI_TOKEN, scopes: ['read', 'operate'], token: 'axn_abc_s3cret' }, 201);
      },
    });
    renderTokens();
    expect(await screen.findByTestId('tokens-empty')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Token name'), 'ci');
    await userEvent.click(screen.getByTestId('token-scope-operate'));
    await userEvent.selectOptions(await screen.findByLabelText('Tenant'), 'lab');
    await userEvent.click(screen.getByTestId('token-create'));

    const panel = await screen.findByTestId('token-created');
    expect(within(panel).getByTestId('token-secret')).toHaveTextContent('axn_abc_s3cret');
    expect(panel).toHaveTextContent('it will not be shown again');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'ci', scopes: ['read', 'operate'], tenant: 'lab' });
    expect(await screen.findByTestId('token-row')).toBeInTheDocument();

    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(within(panel).getByTestId('token-copy'));
    expect(await within(panel).findByText('Copied.')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith('axn_abc_s3cret');

    await userEvent.click(within(panel).getByTestId('token-created-done'));
    expect(screen.queryByTestId('token-secret')).toBeNull();
  });

  it('checks the form before asking the server', async () => {
    signIn('ann', 'viewer');
    const { calls } = installFakeFetch({ 'GET /api/v1/tokens': [], 'GET /api/v1/tenants': [] });
    renderTokens();
    await screen.findByTestId('tokens-empty');
    await userEvent.click(screen.getByTestId('token-scope-read'));
    await userEvent.click(screen.getByTestId('token-create'));
    expect(screen.getByLabelText('Token name')).toHaveAccessibleDescription(/Name the token/);
    expect(screen.getByText('Choose at least one scope.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    // No tenants to bind to: no tenant field.
    expect(screen.queryByLabelText('Tenant')).toBeNull();
  });

  it("shows the server's 422 at the field it names", async () => {
    signIn('ann', 'operator');
    installFakeFetch({
      'GET /api/v1/tokens': [],
      'GET /api/v1/tenants': TENANTS,
      'POST /api/v1/tokens': problem(422, 'validation', 'invalid', { errors: [{ field: 'expiresAt', message: 'must lie in the future' }] }),
    });
    renderTokens();
    await screen.findByTestId('tokens-empty');
    await userEvent.type(screen.getByLabelText('Token name'), 'old');
    fireEvent.change(screen.getByLabelText('Expires'), { target: { value: '2020-01-01' } });
    await userEvent.click(screen.getByTestId('token-create'));
    expect(await screen.findByText('Must lie in the future.')).toBeInTheDocument();
    expect(screen.getByLabelText('Expires')).toHaveAccessibleDescription(/Must lie in the future\./);
    expect(screen.queryByTestId('token-created')).toBeNull();
    expect(screen.queryByTestId('token-error')).toBeNull();
  });

  it('revokes only after the confirm dialog', async () => {
    signIn('ann', 'operator');
    const { calls } = installFakeFetch({
      'GET /api/v1/tokens': [CI_TOKEN],
      'GET /api/v1/tenants': TENANTS,
      'DELETE /api/v1/tokens/tk1': new Response(null, { status: 204 }),
    });
    renderTokens();
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke token ci' }));
    const dialog = screen.getByTestId('confirm-dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke token ci' }));
    await userEvent.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('Token ci revoked')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/v1/tokens/tk1']);
  });

  it("lets an admin see everyone's tokens with their owners", async () => {
    signIn('root', 'admin');
    const { calls } = installFakeFetch({
      'GET /api/v1/tokens': (call) => json(call.url.includes('all=true') ? [CI_TOKEN, { ...CI_TOKEN, id: 'tk2', name: 'mine', owner: 'root' }] : []),
      'GET /api/v1/tenants': TENANTS,
    });
    renderTokens();
    await screen.findByTestId('tokens-empty');
    expect(screen.getByTestId('token-scope-admin')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('tokens-all'));
    expect(await screen.findByRole('columnheader', { name: 'Owner' })).toBeInTheDocument();
    const rows = await screen.findAllByTestId('token-row');
    expect(rows.map((r) => r.getAttribute('data-name'))).toEqual(['ci', 'mine']);
    expect(within(rows[1]).getByText('(you)')).toBeInTheDocument();
    expect(calls.some((c) => c.url === '/api/v1/tokens?all=true')).toBe(true);
  });
});
