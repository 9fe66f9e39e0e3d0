import type { LoginResult, User } from '../api/auth';

/**
 * The JWT lives in memory and in sessionStorage (so a reload of the tab keeps the session, while closing
 * the tab forgets it). It is never put in a URL, a cookie or localStorage.
 */
export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

const KEY = 'axion.session';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function isExpired(session: Pick<Session, 'expiresAt'>, now = Date.now(), skewMs = 5000): boolean {
  const at = new Date(session.expiresAt).getTime();
  return !Number.isFinite(at) || at - skewMs <= now;
}

export function loadSession(now = Date.now()): Session | null {
  const raw = storage()?.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (!session?.token || !session.user?.username || isExpired(session, now)) {
      storage()?.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    storage()?.removeItem(KEY);
    return null;
  }
}

export function saveSession(result: LoginResult): Session {
  const session: Session = { token: result.token, expiresAt: result.expiresAt, user: result.user };
  storage()?.setItem(KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  storage()?.removeItem(KEY);
}

/** The console without the auth feature: no token, every capability of an admin (the server decides). */
export const ANONYMOUS: Session = {
  token: '',
  expiresAt: '9999-12-31T23:59:59Z',
  user: { username: 'anonymous', role: 'admin' },
};
