import { useEffect, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { capabilitiesApi } from '../api/capabilities';
import { ProblemError, describeError, fieldErrors } from '../api/client';
import { healthApi, type Health } from '../api/health';
import { authApi, problemSlug, type LoginWithRecovery, type TotpEnrolment } from '../api/auth';
import { OneTimeCodeInput, RecoveryCodes, TotpSetup } from '../auth/TwoFactor';

/** Which part of the login the page is at: the password, the two-factor code, an enrolment the role requires. */
type Step = 'password' | 'code' | 'enrol' | 'recovery';

export function loginErrorMessage(error: unknown, step: Step = 'password'): string {
  if (error instanceof ProblemError) {
    if (error.status === 401 && step === 'code') return 'Wrong or already used code, or wrong password.';
    if (error.status === 401) return 'Wrong username or password.';
    if (error.status === 404) return 'This server has no login: its auth feature is not installed.';
    if (error.status === 429) {
      return error.retryAfter
        ? `Too many failed attempts. Try again in ${error.retryAfter} s.`
        : 'Too many failed attempts. Try again later.';
    }
  }
  return describeError(error);
}

export function LoginPage() {
  const { login, completeLogin, notice, enterAnonymous } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>('password');
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [enrolled, setEnrolled] = useState<LoginWithRecovery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [health, setHealth] = useState<Health | null>(null);

  // The health is public: show it under the form, so a degraded server is visible before logging in.
  useEffect(() => {
    const controller = new AbortController();
    healthApi.get(controller.signal).then(setHealth, () => undefined);
    return () => controller.abort();
  }, []);

  // A server without the auth feature answers capabilities anonymously and has no login: go straight in.
  useEffect(() => {
    const controller = new AbortController();
    capabilitiesApi
      .get({ anonymous: true, signal: controller.signal })
      .then((caps) => {
        if (!caps.has('auth')) {
          enterAnonymous();
          navigate(from, { replace: true });
        }
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [enterAnonymous, navigate, from]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username || !password) {
      setError('Enter your username and password.');
      return;
    }
    if (step === 'code' && !code.trim()) {
      setError('Enter the code from your authenticator app, or a recovery code.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(username, password, step === 'code' ? code.trim() : undefined);
      navigate(from, { replace: true });
    } catch (e) {
      const slug = problemSlug(e);
      if (slug === 'totp-required') {
        // The password was right: keep it, and ask for the code.
        setStep('code');
      } else if (slug === 'totp-enrolment-required') {
        await startEnrolment();
      } else {
        setError(loginErrorMessage(e, step));
      }
      setBusy(false);
    }
  }

  async function startEnrolment() {
    try {
      setEnrolment(await authApi.loginTotpEnrol(username, password));
      setStep('enrol');
    } catch (e) {
      setError(loginErrorMessage(e));
    }
  }

  async function confirmEnrolment(first: string) {
    try {
      setEnrolled(await authApi.loginTotpConfirm(username, password, first));
      setEnrolment(null);
      setStep('recovery');
    } catch (e) {
      throw new Error(fieldErrors(e).code ? `The code ${fieldErrors(e).code}.` : loginErrorMessage(e));
    }
  }

  function backToPassword() {
    setStep('password');
    setCode('');
    setEnrolment(null);
    setPassword('');
    setError(null);
  }

  if ((step === 'enrol' && enrolment) || (step === 'recovery' && enrolled)) {
    return (
      <div className="login-screen">
        <section className="login-card card" aria-labelledby="login-title">
          <h1 id="login-title">Set up two-factor login</h1>
          {step === 'enrol' && enrolment ? (
            <>
              <p className="muted">Your role must log in with a code from an authenticator app. Set it up to sign in as {username}.</p>
              <TotpSetup enrolment={enrolment} onConfirm={confirmEnrolment} onCancel={backToPassword} confirmLabel="Turn on and sign in" />
            </>
          ) : (
            <RecoveryCodes
              codes={enrolled!.recoveryCodes}
              doneLabel="I have saved these codes: continue"
              onDone={() => {
                completeLogin(enrolled!);
                navigate(from, { replace: true });
              }}
            />
          )}
        </section>
      </div>
    );
  }

  return (
    <div className="login-screen">
      <form className="login-card card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <div className="login-brand" aria-hidden="true">
          <svg viewBox="0 0 32 32" width="36" height="36">
            <path d="M16 4 28 28H21.5L16 16.5 10.5 28H4z" fill="currentColor" />
          </svg>
        </div>
        <h1 id="login-title">Sign in to Axion</h1>
        {notice && (
          <p className="notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <div className="field">
          <label htmlFor="login-username">Username</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus={step === 'password'}
            required
          />
        </div>
        {step === 'code' && (
          <div className="field">
            <label htmlFor="login-code">Two-factor code</label>
            <OneTimeCodeInput
              id="login-code"
              value={code}
              onChange={setCode}
              describedBy="login-code-hint"
              testId="login-code"
            />
            <div id="login-code-hint" className="field-hint">
              The 6 digits of your authenticator app, or one of your recovery codes.
            </div>
          </div>
        )}
        {error && (
          <p className="error-banner" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {health && (
          <p className="login-health muted small" data-testid="login-health">
            <span className={`badge badge-${health.status === 'ok' ? 'ok' : 'warn'}`}>{health.status}</span> Axion {health.version} · node{' '}
            {health.node} · LXD {health.lxd?.reachable ? `${health.lxd.serverVersion ?? ''} reachable` : 'unreachable'}
          </p>
        )}
      </form>
    </div>
  );
}
