// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../auth/AuthContext';
import { saveSession } from '../auth/session';
import { ToastProvider } from '../components/Toasts';
import { request } from '../api/client';
import AccountPage from './AccountPage';
import { installFakeFetch, json, problem } from '../test/fakeFetch';

const OLD = 'old-password-1';
const NEW = 'new-password-2';
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

beforeEach(() => {
  saveSession({ token: 'old-token', expiresAt: inAnHour(), user: { username: 'alice', role: 'operator' } });
});

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function renderAccount() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={['/account']}>
        <AuthProvider>
          <ToastProvider>
            <Routes>
              <Route path="/account" element={<AccountPage />} />
            </Routes>
          </ToastProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

async function fill(current: string, next: string, again = next) {
  if (current) await userEvent.type(screen.getByLabelText('Current password'), current);
  if (next) await userEvent.type(screen.getByLabelText('New password'), next);
  if (again) await userEvent.type(screen.getByLabelText('New password again'), again);
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

const storedToken = () => JSON.parse(sessionStorage.getItem('axion.session')!).token;

describe('AccountPage', () => {
  it('checks the form before asking the server', async () => {
    const { calls } = installFakeFetch({});
    renderAccount();
    await fill('', 'short', 'shorter');
    expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('Current password is required.');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/must be at least 10 characters/);
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription('The two passwords differ.');
    expect(calls).toHaveLength(0);
  });

  it('wants a new password that differs from the current one and from the username', async () => {
    const { calls } = installFakeFetch({});
    renderAccount();
    await fill(OLD, OLD);
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/New password must differ from the current one\.$/);
    await userEvent.clear(screen.getByLabelText('New password'));
    await userEvent.type(screen.getByLabelText('New password'), 'hello-alice-1');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/New password must not contain the username\.$/);
    expect(calls).toHaveLength(0);
  });

  it("shows the server's field errors on their fields, until that field is edited", async () => {
    installFakeFetch({
      'POST /api/v1/auth/password': problem(422, 'validation', 'currentPassword: is wrong', {
        errors: [{ field: 'currentPassword', message: 'is wrong' }],
      }),
    });
    renderAccount();
    await fill('not-it-at-all', NEW);
    const current = screen.getByLabelText('Current password');
    expect(await screen.findByText('Current password is wrong.')).toBeInTheDocument();
    expect(current).toHaveAttribute('aria-invalid', 'true');
    expect(current).toHaveAccessibleDescription('Current password is wrong.');
    expect(storedToken()).toBe('old-token');
    await userEvent.type(current, 'x');
    expect(screen.queryByText('Current password is wrong.')).toBeNull();
  });

  it("shows a stricter server's length rule on the new password", async () => {
    installFakeFetch({
      'POST /api/v1/auth/password': problem(422, 'validation', 'newPassword: must be at least 12 characters long', {
        errors: [{ field: 'newPassword', message: 'must be at least 12 characters long' }],
      }),
    });
    renderAccount();
    await fill(OLD, NEW);
    expect(await screen.findByText('New password must be at least 12 characters long.')).toBeInTheDocument();
  });

  it('explains throttling above the form', async () => {
    installFakeFetch({
      'POST /api/v1/auth/password': problem(429, 'too-many-requests', 'Too many wrong passwords; try again in 30 s', { retryAfter: 30 }),
    });
    renderAccount();
    await fill(OLD, NEW);
    expect(await screen.findByTestId('password-error')).toHaveTextContent('Too many wrong passwords; try again in 30 s');
  });

  it('adopts the fresh token, so the next request carries it, and says so', async () => {
    const { calls } = installFakeFetch({
      'POST /api/v1/auth/password': json({ token: 'new-token', expiresAt: inAnHour(), user: { username: 'alice', role: 'operator' } }),
      'GET /api/v1/auth/me': (call) =>
        call.headers.Authorization === 'Bearer new-token' ? json({ username: 'alice', role: 'operator' }) : problem(401, 'unauthorized', 'revoked'),
    });
    renderAccount();
    await fill(OLD, NEW);
    expect(await screen.findByTestId('toast')).toHaveTextContent('Password changed');
    expect(calls[0].headers.Authorization).toBe('Bearer old-token');
    expect(calls[0].body).toEqual({ currentPassword: OLD, newPassword: NEW });
    expect(storedToken()).toBe('new-token');
    await expect(request('/api/v1/auth/me')).resolves.toEqual({ username: 'alice', role: 'operator' });
    expect(screen.getByTestId('password-current')).toHaveValue('');
    expect(screen.getByTestId('password-new')).toHaveValue('');
    expect(screen.getByTestId('password-again')).toHaveValue('');
  });

  it('keeps the new session when a request sent with the replaced token is refused late', async () => {
    let refuseLate: (response: Response) => void = () => undefined;
    installFakeFetch({
      'GET /api/v1/instances': () => new Promise<Response>((resolve) => (refuseLate = resolve)),
      'POST /api/v1/auth/password': json({ token: 'new-token', expiresAt: inAnHour(), user: { username: 'alice', role: 'operator' } }),
    });
    renderAccount();
    const late = request('/api/v1/instances').catch((e) => e);
    await fill(OLD, NEW);
    await screen.findByText('Password changed');
    refuseLate(problem(401, 'unauthorized', 'revoked'));
    expect(await late).toMatchObject({ status: 401 });
    expect(sessionStorage.getItem('axion.session')).not.toBeNull();
    expect(storedToken()).toBe('new-token');
    expect(screen.getByLabelText('Current password')).toBeInTheDocument();
  });
});
