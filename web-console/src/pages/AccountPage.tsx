import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useAuth } from '../auth/AuthContext';
import { ANONYMOUS } from '../auth/session';
import { describeError, fieldErrors } from '../api/client';
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
    </section>
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
