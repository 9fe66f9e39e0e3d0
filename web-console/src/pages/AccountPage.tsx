import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { ANONYMOUS } from '../auth/session';
import { ProblemError, describeError, fieldErrors } from '../api/client';
import { authApi, type TotpEnrolment } from '../api/auth';
import { isTotpCode, RecoveryCodes, TotpSetup } from '../auth/TwoFactor';
import { hasErrors, MIN_PASSWORD_LENGTH, validatePasswordChange, type Errors, type PasswordChangeForm } from '../lib/validation';
import { Field } from '../components/Field';
import { useToasts } from '../components/Toasts';

const EMPTY: PasswordChangeForm = { currentPassword: '', newPassword: '', newPasswordAgain: '' };

/** The fields the server names in its 422, with the label its lower-case message follows. */
const SERVER_FIELDS: Partial<Record<keyof PasswordChangeForm, string>> = {
  currentPassword: 'Current password',
  newPassword: 'New password',
};

export default function AccountPage() {
  const { session } = useAuth();
  if (!session || session === ANONYMOUS) {
    return (
      <section className="page page-narrow">
        <h1>Your account</h1>
        <p className="muted">This server has no login (its auth feature is not installed), so there is no password to change.</p>
      </section>
    );
  }
  const { username, role } = session.user;
  return (
    <section className="page page-narrow" aria-labelledby="account-title">
      <header className="page-header">
        <div>
          <h1 id="account-title">Your account</h1>
          <p className="muted" data-testid="account-user">
            Signed in as <strong>{username}</strong> <span className={`badge badge-role-${role}`}>{role}</span>
          </p>
        </div>
      </header>
      <section className="card panel" aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <p className="muted">Your sessions in other tabs and browsers end; this one carries on.</p>
        <ChangePasswordForm username={username} />
      </section>
      <TwoFactorSection />
      <section className="card panel" aria-labelledby="tokens-link-title">
        <h2 id="tokens-link-title">API tokens</h2>
        <p className="muted">
          Scripts log in with a token rather than your password: <Link to="/account/tokens" data-testid="account-tokens-link">manage your API tokens</Link>.
        </p>
      </section>
    </section>
  );
}

const TOTP_KEY = ['auth', 'totp'];

/**
 * Two-factor login: off → enrol (QR code and key) → confirm with a first code → the recovery codes, once → on,
 * with a way to turn it off again (a code or the password), unless the user's role requires it.
 */
function TwoFactorSection() {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: TOTP_KEY,
    queryFn: ({ signal }) => authApi.totpStatus(signal),
    // A refusal (404 on an older server) is the answer, not a hiccup to retry.
    retry: (failures, error) => !(error instanceof ProblemError && error.status < 500) && failures < 2,
  });
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: TOTP_KEY });

  async function enrol() {
    setBusy(true);
    setFailure(null);
    try {
      setEnrolment(await authApi.totpEnrol());
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(code: string) {
    try {
      const { recoveryCodes: codes } = await authApi.totpConfirm(code);
      setEnrolment(null);
      setRecoveryCodes(codes);
      void refresh();
    } catch (error) {
      throw new Error(fieldErrors(error).code ? `The code ${fieldErrors(error).code}.` : describeError(error));
    }
  }

  // A server from before two-factor login has no such route: say nothing.
  if (status.isError && status.error instanceof ProblemError && status.error.status === 404) return null;

  let body;
  if (recoveryCodes) {
    body = <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />;
  } else if (enrolment) {
    body = <TotpSetup enrolment={enrolment} onConfirm={confirm} onCancel={() => setEnrolment(null)} />;
  } else if (status.isPending) {
    body = <p className="muted">Loading…</p>;
  } else if (status.isError) {
    body = (
      <p className="error-banner" role="alert">
        {describeError(status.error)}
      </p>
    );
  } else if (status.data.enabled) {
    body = (
      <>
        <p data-testid="totp-state">
          <span className="badge badge-ok">on</span> You log in with your password and a code from your app.{' '}
          {status.data.recoveryCodesLeft} of 10 recovery codes left.
        </p>
        {status.data.required ? (
          <p className="muted small">Your role requires two-factor login: it cannot be turned off (an admin can reset it).</p>
        ) : (
          <DisableTotpForm onDone={refresh} />
        )}
      </>
    );
  } else {
    body = (
      <>
        <p data-testid="totp-state">
          <span className="badge badge-warn">off</span> Protect your account with a code from an authenticator app at each login.
          {status.data.required && ' Your role requires it.'}
        </p>
        <button type="button" className="btn btn-primary" onClick={enrol} disabled={busy} data-testid="totp-enrol">
          {busy ? 'Starting…' : 'Set up two-factor login'}
        </button>
      </>
    );
  }

  return (
    <section className="card panel" aria-labelledby="totp-title" data-testid="totp-section">
      <h2 id="totp-title">Two-factor login</h2>
      {failure && (
        <p className="error-banner form-failure" role="alert">
          {failure}
        </p>
      )}
      {body}
    </section>
  );
}

function DisableTotpForm({ onDone }: { onDone: () => void }) {
  const toasts = useToasts();
  const [proof, setProof] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const given = proof.trim();
    if (!given) {
      setError('Enter a current code, a recovery code or your password.');
      return;
    }
    setBusy(true);
    setError(null);
    // Six digits are a code; a recovery code looks like abcde-fghjk; anything else is the password.
    const asCode = isTotpCode(given) || /^[a-z2-9]{5}-?[a-z2-9]{5}$/i.test(given);
    try {
      await authApi.totpDisable(asCode ? { code: given } : { password: proof });
      toasts.show({ kind: 'success', title: 'Two-factor login turned off', message: 'Your password alone logs you in again.' });
      setProof('');
      onDone();
    } catch (e) {
      const fields = fieldErrors(e);
      setError(fields.code ? 'That code is wrong or already used.' : fields.password ? 'That password is wrong.' : describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Field label="Code or password to turn it off" error={error ?? undefined}>
        <input
          type="password"
          name="totp-disable-proof"
          value={proof}
          onChange={(e) => setProof(e.target.value)}
          autoComplete="off"
          data-testid="totp-disable-proof"
        />
      </Field>
      <button type="submit" className="btn btn-danger" disabled={busy} data-testid="totp-disable">
        {busy ? 'Turning off…' : 'Turn off two-factor login'}
      </button>
    </form>
  );
}

function serverFieldErrors(error: unknown): Errors<PasswordChangeForm> {
  const found = fieldErrors(error);
  const errors: Errors<PasswordChangeForm> = {};
  for (const [field, label] of Object.entries(SERVER_FIELDS) as Array<[keyof PasswordChangeForm, string]>) {
    if (found[field]) errors[field] = `${label} ${found[field]}.`;
  }
  return errors;
}

function ChangePasswordForm({ username }: { username: string }) {
  const { changePassword } = useAuth();
  const toasts = useToasts();
  const [form, setForm] = useState<PasswordChangeForm>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors<PasswordChangeForm>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validatePasswordChange(form, username);
  const shown = (field: keyof PasswordChangeForm) => (submitted ? errors[field] : undefined) ?? serverErrors[field];

  const edit = (field: keyof PasswordChangeForm) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    setForm((f) => ({ ...f, [field]: value }));
    setServerErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (hasErrors(errors)) return;
    setBusy(true);
    setFailure(null);
    setServerErrors({});
    try {
      await changePassword(form.currentPassword, form.newPassword);
      toasts.show({ kind: 'success', title: 'Password changed', message: 'Your other sessions have ended.' });
      setForm(EMPTY);
      setSubmitted(false);
    } catch (error) {
      const onFields = serverFieldErrors(error);
      if (hasErrors(onFields)) setServerErrors(onFields);
      else setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <Field label="Current password" error={shown('currentPassword')}>
        <input
          type="password"
          name="current-password"
          value={form.currentPassword}
          onChange={edit('currentPassword')}
          autoComplete="current-password"
          data-testid="password-current"
        />
      </Field>
      <Field label="New password" error={shown('newPassword')} hint={`At least ${MIN_PASSWORD_LENGTH} characters, not the current one.`}>
        <input
          type="password"
          name="new-password"
          value={form.newPassword}
          onChange={edit('newPassword')}
          autoComplete="new-password"
          data-testid="password-new"
        />
      </Field>
      <Field label="New password again" error={shown('newPasswordAgain')}>
        <input
          type="password"
          name="new-password-again"
          value={form.newPasswordAgain}
          onChange={edit('newPasswordAgain')}
          autoComplete="new-password"
          data-testid="password-again"
        />
      </Field>
      {failure && (
        <p className="error-banner form-failure" role="alert" data-testid="password-error">
          {failure}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="password-submit">
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
