// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '../auth/AuthContext';
import { LoginPage, loginErrorMessage } from './LoginPage';
import { ProblemError } from '../api/client';
import { installFakeFetch, json, problem } from '../test/fakeFetch';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

function renderLogin() {
  const client = new QueryClient();
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/login']}>
        <AuthProvider>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/" element={<p>dashboard</p>} />
          </Routes>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('LoginPage', () => {
  it('shows an error on a wrong password and stays', async () => {
    installFakeFetch({
      'GET /api/v1/capabilities': problem(401, 'unauthorized', 'log in'),
      'POST /api/v1/auth/login': problem(401, 'unauthorized', 'bad credentials'),
    });
    renderLogin();
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
    expect(sessionStorage.length).toBe(0);
  });

  it('logs in, keeps the token in sessionStorage and leaves the page', async () => {
    installFakeFetch({
      'GET /api/v1/capabilities': problem(401, 'unauthorized', 'log in'),
      'POST /api/v1/auth/login': json({ token: 'jwt', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username: 'admin', role: 'admin' } }),
    });
    renderLogin();
    await userEvent.type(screen.getByLabelText('Password'), 'right');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('dashboard')).toBeInTheDocument();
    expect(JSON.parse(sessionStorage.getItem('axion.session')!).token).toBe('jwt');
  });

  it('asks for the code when the server answers totp-required, keeping the username and password', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/capabilities': problem(401, 'unauthorized', 'log in'),
      'POST /api/v1/auth/login': (call) =>
        (call.body as { code?: string }).code === '123456'
          ? json({ token: 'jwt-2fa', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { username: 'admin', role: 'admin' } })
          : (call.body as { code?: string }).code
            ? problem(401, 'bad-credentials', 'Wrong or already used code')
            : problem(401, 'totp-required', 'Enter the code'),
    });
    renderLogin();
    await userEvent.type(screen.getByLabelText('Password'), 'right-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const codeField = await screen.findByLabelText('Two-factor code');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText('Password')).toHaveValue('right-password');
    expect(screen.getByLabelText('Username')).toHaveValue('admin');

    await userEvent.type(codeField, '999999');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong or already used code');
    await userEvent.clear(codeField);
    await userEvent.type(codeField, '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('dashboard')).toBeInTheDocument();
    expect(JSON.parse(sessionStorage.getItem('axion.session')!).token).toBe('jwt-2fa');
    const logins = calls.filter((c) => c.url.endsWith('/api/v1/auth/login')).map((c) => c.body);
    expect(logins).toEqual([
      { username: 'admin', password: 'right-password' },
      { username: 'admin', password: 'right-password', code: '999999' },
      { username: 'admin', password: 'right-password', code: '123456' },
    ]);
  });

  it('walks a user whose role requires it through enrolment, then shows the recovery codes once', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/capabilities': problem(401, 'unauthorized', 'log in'),
      'POST /api/v1/auth/login': problem(401, 'totp-enrolment-required', 'Enrol first'),
      'POST /api/v1/auth/login/totp/enrol': json({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/Axion:admin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Axion' }),
      'POST /api/v1/auth/login/totp/confirm': json({
        token: 'jwt-enrolled',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        user: { username: 'admin', role: 'admin' },
        recoveryCodes: ['abcde-fghjk', 'mnpqr-stuvw'],
      }),
    });
    renderLogin();
    await userEvent.type(screen.getByLabelText('Password'), 'right-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Set up two-factor login' })).toBeInTheDocument();
    expect(await screen.findByTestId('totp-qr')).toHaveAttribute('src', expect.stringMatching(/^data:image\/svg\+xml/));
    expect(screen.getByTestId('totp-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    await userEvent.type(screen.getByLabelText('Code from the app'), '123 456');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on and sign in' }));
    expect(await screen.findByTestId('totp-recovery-codes')).toHaveTextContent('abcde-fghjk');
    expect(sessionStorage.getItem('axion.session')).toBeNull(); // not before the codes are acknowledged
    expect(calls.find((c) => c.url.endsWith('/login/totp/confirm'))!.body).toEqual({
      username: 'admin',
      password: 'right-password',
      code: '123456',
    });
    await userEvent.click(screen.getByRole('button', { name: /I have saved these codes/ }));
    expect(await screen.findByText('dashboard')).toBeInTheDocument();
    expect(JSON.parse(sessionStorage.getItem('axion.session')!).token).toBe('jwt-enrolled');
  });

  it('explains throttling', () => {
    const error = new ProblemError({ type: 'x', title: 't', status: 429 }, 30);
    expect(loginErrorMessage(error)).toBe('Too many failed attempts. Try again in 30 s.');
  });
});
