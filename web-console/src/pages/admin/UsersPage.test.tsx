// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../../auth/AuthContext';
import { saveSession } from '../../auth/session';
import { ToastProvider } from '../../components/Toasts';
import UsersPage from './UsersPage';
import { installFakeFetch, problem } from '../../test/fakeFetch';

const USERS = [
  { username: 'admin', role: 'admin' },
  { username: 'bob', role: 'operator' },
];

beforeEach(() => {
  saveSession({ token: 'admin-token', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username: 'admin', role: 'admin' } });
});

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function renderUsers() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <AuthProvider>
          <ToastProvider>
            <UsersPage />
          </ToastProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

async function openFor(username: string) {
  await userEvent.click(await screen.findByRole('button', { name: `Set the password of ${username}` }));
  return screen.getByTestId('set-password-dialog');
}

describe('UsersPage: set password', () => {
  it('is not offered for oneself, who has the account page', async () => {
    installFakeFetch({ 'GET /api/v1/users': USERS });
    renderUsers();
    expect(await screen.findByRole('button', { name: 'Set the password of admin' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Set the password of bob' })).toBeEnabled();
  });

  it('checks the password, sets it and says so', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/users': USERS,
      'PUT /api/v1/users/bob/password': new Response(null, { status: 204 }),
    });
    renderUsers();
    const dialog = await openFor('bob');
    await userEvent.type(within(dialog).getByTestId('set-password-new'), 'short');
    await userEvent.click(within(dialog).getByTestId('set-password-submit'));
    expect(within(dialog).getByLabelText('New password')).toHaveAccessibleDescription(/must be at least 10 characters/);
    expect(within(dialog).getByLabelText('New password again')).toHaveAccessibleDescription('Type the new password again.');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await userEvent.clear(within(dialog).getByTestId('set-password-new'));
    await userEvent.type(within(dialog).getByTestId('set-password-new'), 'a-fresh-start');
    await userEvent.type(within(dialog).getByTestId('set-password-again'), 'a-fresh-start');
    await userEvent.click(within(dialog).getByTestId('set-password-submit'));
    expect(await screen.findByText('Password of bob set')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/v1/users/bob/password');
    expect(put.body).toEqual({ password: 'a-fresh-start' });
    expect(within(dialog).queryByTestId('set-password-new')).toBeNull();
  });

  it("shows the server's refusal of a weak password on the field", async () => {
    installFakeFetch({
      'GET /api/v1/users': USERS,
      'PUT /api/v1/users/bob/password': problem(422, 'validation', 'password: must be at least 12 characters long', {
        errors: [{ field: 'password', message: 'must be at least 12 characters long' }],
      }),
    });
    renderUsers();
    const dialog = await openFor('bob');
    await userEvent.type(within(dialog).getByTestId('set-password-new'), 'a-fresh-start');
    await userEvent.type(within(dialog).getByTestId('set-password-again'), 'a-fresh-start');
    await userEvent.click(within(dialog).getByTestId('set-password-submit'));
    expect(await within(dialog).findByText('New password must be at least 12 characters long.')).toBeInTheDocument();
  });

  it('tells when the user is gone', async () => {
    installFakeFetch({
      'GET /api/v1/users': USERS,
      'PUT /api/v1/users/bob/password': problem(404, 'not-found', 'No user bob'),
    });
    renderUsers();
    const dialog = await openFor('bob');
    await userEvent.type(within(dialog).getByTestId('set-password-new'), 'a-fresh-start');
    await userEvent.type(within(dialog).getByTestId('set-password-again'), 'a-fresh-start');
    await userEvent.click(within(dialog).getByTestId('set-password-submit'));
    expect(await screen.findByText('Could not set the password of bob')).toBeInTheDocument();
    expect(screen.getByTestId('toast')).toHaveAttribute('data-kind', 'error');
    expect(screen.getByTestId('toast')).toHaveTextContent('No user bob');
    expect(within(dialog).queryByTestId('set-password-new')).toBeNull();
  });
});

describe('UsersPage: reset two-factor', () => {
  it('is offered for users with two-factor login on, and resets it', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/users': [
        { username: 'admin', role: 'admin' },
        { username: 'bob', role: 'operator', totp: true },
      ],
      'DELETE /api/v1/users/bob/totp': new Response(null, { status: 204 }),
    });
    renderUsers();
    await userEvent.click(await screen.findByRole('button', { name: 'Reset the two-factor login of bob' }));
    expect(screen.queryByRole('button', { name: 'Reset the two-factor login of admin' })).toBeNull();
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url.endsWith('/users/bob/totp'))).toBe(true));
  });
});
