import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { authApi, type LoginResult } from '../api/auth';
import { configureClient } from '../api/client';
import { ANONYMOUS, clearSession, isExpired, loadSession, saveSession, type Session } from './session';

interface AuthValue {
  session: Session | null;
  /** Why the user was sent back to the login page (expiry, 401), shown there once. */
  notice: string | null;
  /** `code`: the two-factor code of a user who has it on (the server answers `totp-required` without it). */
  login: (username: string, password: string, code?: string) => Promise<Session>;
  /** Carries on with a login answered elsewhere (an enrolment at login, which logs in as it confirms). */
  completeLogin: (result: LoginResult) => Session;
  /** Changes the user's own password and carries on with the fresh token the server answers. */
  changePassword: (currentPassword: string, newPassword: string) => Promise<Session>;
  logout: (notice?: string) => void;
  enterAnonymous: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export const EXPIRED_NOTICE = 'Your session has expired. Please log in again.';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const queryClient = useQueryClient();

  const logout = useCallback(
    (why?: string) => {
      clearSession();
      sessionRef.current = null;
      setSession(null);
      setNotice(why ?? null);
      queryClient.clear();
    },
    [queryClient],
  );

  // The HTTP client reads the token from here, and any 401 on a logged-in request ends the session.
  // Configured during render (not in an effect): children's first queries run before parents' effects.
  const logoutRef = useRef(logout);
  logoutRef.current = logout;
  const configured = useRef(false);
  if (!configured.current) {
    configured.current = true;
    configureClient({
      token: () => sessionRef.current?.token || null,
      // A refusal of a token the session has since replaced (a password change) says nothing about the new one.
      onUnauthorized: (_, sentToken) => {
        const current = sessionRef.current;
        if (current && current !== ANONYMOUS && sentToken === current.token) logoutRef.current(EXPIRED_NOTICE);
      },
    });
  }

  // Expiry: leave at the moment the token stops being valid, rather than on the next failed call.
  useEffect(() => {
    if (!session || session === ANONYMOUS) return;
    if (isExpired(session)) {
      logout(EXPIRED_NOTICE);
      return;
    }
    const delay = Math.min(new Date(session.expiresAt).getTime() - Date.now() - 5000, 2 ** 31 - 1);
    const timer = setTimeout(() => logout(EXPIRED_NOTICE), Math.max(0, delay));
    return () => clearTimeout(timer);
  }, [session, logout]);

  const adopt = useCallback((result: LoginResult) => {
    const next = saveSession(result);
    sessionRef.current = next;
    setSession(next);
    return next;
  }, []);

  const login = useCallback(
    async (username: string, password: string, code?: string) => {
      const next = adopt(await authApi.login(username, password, code));
      setNotice(null);
      return next;
    },
    [adopt],
  );

  const completeLogin = useCallback(
    (result: LoginResult) => {
      const next = adopt(result);
      setNotice(null);
      return next;
    },
    [adopt],
  );

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => adopt(await authApi.changePassword(currentPassword, newPassword)),
    [adopt],
  );

  const enterAnonymous = useCallback(() => {
    sessionRef.current = ANONYMOUS;
    setSession(ANONYMOUS);
  }, []);

  const value = useMemo(
    () => ({ session, notice, login, completeLogin, changePassword, logout, enterAnonymous }),
    [session, notice, login, completeLogin, changePassword, logout, enterAnonymous],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

export function useRole() {
  return useAuth().session?.user.role;
}
