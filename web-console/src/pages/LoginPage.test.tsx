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

  it('explains throttling', () => {
    const error = new ProblemError({ type: 'x', title: 't', status: 429 }, 30);
    expect(loginErrorMessage(error)).toBe('Too many failed attempts. Try again in 30 s.');
  });
});
