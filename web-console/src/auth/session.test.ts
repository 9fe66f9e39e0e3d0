// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, isExpired, loadSession, saveSession } from './session';

afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

const future = () => new Date(Date.now() + 3_600_000).toISOString();

describe('session', () => {
  it('keeps the token in sessionStorage only', () => {
    saveSession({ token: 'jwt', expiresAt: future(), user: { username: 'admin', role: 'admin' } });
    expect(loadSession()?.token).toBe('jwt');
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toBe('');
    clearSession();
    expect(loadSession()).toBeNull();
  });

  it('replaces the stored session with a fresh token (a password change)', () => {
    saveSession({ token: 'old', expiresAt: future(), user: { username: 'alice', role: 'operator' } });
    saveSession({ token: 'new', expiresAt: future(), user: { username: 'alice', role: 'operator' } });
    expect(loadSession()?.token).toBe('new');
    expect(sessionStorage.length).toBe(1);
  });

  it('drops an expired or broken session', () => {
    saveSession({ token: 'jwt', expiresAt: new Date(Date.now() - 1000).toISOString(), user: { username: 'a', role: 'viewer' } });
    expect(loadSession()).toBeNull();
    expect(sessionStorage.length).toBe(0);
    sessionStorage.setItem('axion.session', '{broken');
    expect(loadSession()).toBeNull();
  });

  it('counts a token as expired a little early', () => {
    expect(isExpired({ expiresAt: new Date(Date.now() + 2000).toISOString() })).toBe(true);
    expect(isExpired({ expiresAt: future() })).toBe(false);
    expect(isExpired({ expiresAt: 'not a date' })).toBe(true);
  });
});
