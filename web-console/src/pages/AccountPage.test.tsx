// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../auth/AuthContext';
import { saveSession } from '../auth/session';
import { ToastProvider } from '../components/Toasts';
import { request } from '../api/client';
import AccountPage from './AccountPage';
import { installFakeFetch, json, problem, type RecordedCall } from '../test/fakeFetch';

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

/** The calls of the password form: the two-factor section asks for its status besides. */
const passwordCalls = (calls: RecordedCall[]) => calls.filter((c) => !c.url.includes('/api/v1/auth/totp'));

const storedToken = () => JSON.parse(sessionStorage.getItem('axion.session')!).token;

describe('AccountPage', () => {
  it('checks the form before asking the server', async () => {
    const { calls } = installFakeFetch({});
    renderAccount();
    await fill('', 'short', 'shorter');
    expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('Current password is required.');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/must be at least 10 characters/);
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription('The two passwords differ.');
    expect(passwordCalls(calls)).toHaveLength(0);
  });

  it('wants a new password that differs from the current one and from the username', async () => {
    const { calls } = installFakeFetch({});
    renderAccount();
    await fill(OLD, OLD);
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/New password must differ from the current one\.$/);
    await userEvent.clear(screen.getByLabelText('New password'));
    await userEvent.type(screen.getByLabelText('New password'), 'hello-alice-1');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/New password must not contain the username\.$/);
    expect(passwordCalls(calls)).toHaveLength(0);
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
    expect(passwordCalls(calls)[0].headers.Authorization).toBe('Bearer old-token');
    expect(passwordCalls(calls)[0].body).toEqual({ currentPassword: OLD, newPassword: NEW });
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

  describe('two-factor login', () => {
    const OFF = { enabled: false, pending: false, required: false, recoveryCodesLeft: 0 };
    const ON = { enabled: true, pending: false, required: false, recoveryCodesLeft: 10 };
    const ENROLMENT = {
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/Axion:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Axion',
    };

    it('enrols: QR code and key, a first code, then the recovery codes once, then on', async () => {
      let status = OFF;
      const { calls } = installFakeFetch({
        'GET /api/v1/auth/totp': () => json(status),
        'POST /api/v1/auth/totp/enrol': json(ENROLMENT),
        'POST /api/v1/auth/totp/confirm': (call) => {
          if ((call.body as { code: string }).code !== '123456') {
            return problem(422, 'validation', 'code: is wrong', { errors: [{ field: 'code', message: 'is wrong' }] });
          }
          status = ON;
          return json({ recoveryCodes: ['abcde-fghjk', 'mnpqr-stuvw', 'xyz23-45678'] });
        },
      });
      renderAccount();
      expect(await screen.findByTestId('totp-state')).toHaveTextContent('off');
      await userEvent.click(screen.getByRole('button', { name: 'Set up two-factor login' }));

      const qr = await screen.findByRole('img', { name: /QR code/ });
      expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect(decodeURIComponent(qr.getAttribute('src')!)).toContain('<svg');
      expect(screen.getByTestId('totp-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP');
      expect(screen.getByTestId('totp-secret')).toHaveAttribute('data-secret', ENROLMENT.secret);

      await userEvent.type(screen.getByLabelText('Code from the app'), '12345');
      await userEvent.click(screen.getByRole('button', { name: 'Turn on two-factor login' }));
      expect(await screen.findByTestId('totp-setup-error')).toHaveTextContent('Enter the 6 digits');
      await userEvent.clear(screen.getByLabelText('Code from the app'));
      await userEvent.type(screen.getByLabelText('Code from the app'), '654321');
      await userEvent.click(screen.getByRole('button', { name: 'Turn on two-factor login' }));
      expect(await screen.findByTestId('totp-setup-error')).toHaveTextContent('The code is wrong.');

      await userEvent.clear(screen.getByLabelText('Code from the app'));
      await userEvent.type(screen.getByLabelText('Code from the app'), '123456');
      await userEvent.click(screen.getByRole('button', { name: 'Turn on two-factor login' }));
      const codes = await screen.findByTestId('totp-recovery-codes');
      expect(codes).toHaveTextContent('abcde-fghjk');
      expect(codes).toHaveTextContent('xyz23-45678');
      expect(screen.queryByTestId('totp-secret')).toBeNull();

      await userEvent.click(screen.getByRole('button', { name: 'I have saved these codes' }));
      expect(screen.queryByTestId('totp-recovery-codes')).toBeNull();
      expect(await screen.findByTestId('totp-state')).toHaveTextContent('10 of 10 recovery codes left');
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.replace(/^.*\/api/, '/api'))).toEqual([
        '/api/v1/auth/totp/enrol',
        '/api/v1/auth/totp/confirm',
        '/api/v1/auth/totp/confirm',
      ]);
    });

    it('turns off with a code, or with the password, and says when it is wrong', async () => {
      let status = ON;
      const { calls } = installFakeFetch({
        'GET /api/v1/auth/totp': () => json(status),
        'DELETE /api/v1/auth/totp': (call) => {
          const body = call.body as { code?: string; password?: string };
          if (body.code === '111111' || body.password === OLD) {
            status = OFF;
            return new Response(null, { status: 204 });
          }
          const field = body.code ? 'code' : 'password';
          return problem(422, 'validation', `${field}: is wrong`, { errors: [{ field, message: 'is wrong' }] });
        },
      });
      renderAccount();
      expect(await screen.findByTestId('totp-state')).toHaveTextContent('on');
      await userEvent.type(screen.getByLabelText('Code or password to turn it off'), '222222');
      await userEvent.click(screen.getByRole('button', { name: 'Turn off two-factor login' }));
      expect(await screen.findByText('That code is wrong or already used.')).toBeInTheDocument();
      await userEvent.clear(screen.getByLabelText('Code or password to turn it off'));
      await userEvent.type(screen.getByLabelText('Code or password to turn it off'), OLD);
      await userEvent.click(screen.getByRole('button', { name: 'Turn off two-factor login' }));
      expect(await screen.findByTestId('toast')).toHaveTextContent('Two-factor login turned off');
      expect(await screen.findByTestId('totp-state')).toHaveTextContent('off');
      expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.body)).toEqual([{ code: '222222' }, { password: OLD }]);
    });

    it('cannot be turned off when the role requires it', async () => {
      installFakeFetch({ 'GET /api/v1/auth/totp': json({ ...ON, required: true }) });
      renderAccount();
      expect(await screen.findByText(/Your role requires two-factor login/)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Turn off two-factor login' })).toBeNull();
    });

    it('is left out on a server without it', async () => {
      installFakeFetch({});
      renderAccount();
      await screen.findByLabelText('Current password');
      await waitFor(() => expect(screen.queryByTestId('totp-section')).toBeNull());
      expect(screen.queryByText('Loading…')).toBeNull();
    });
  });
});
