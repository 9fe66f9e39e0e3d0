import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { usersApi } from '../../api/users';
import type { User } from '../../api/auth';
import { describeError, fieldErrors } from '../../api/client';
import { hasErrors, MIN_PASSWORD_LENGTH, validatePasswordReset, type PasswordResetForm } from '../../lib/validation';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useToasts } from '../../components/Toasts';

const EMPTY: PasswordResetForm = { password: '', passwordAgain: '' };

/** An admin gives a user who forgot their password a new one. */
export function SetPasswordDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  return (
    <Dialog open={user !== null} title={`Set the password of ${user?.username ?? ''}`} onClose={onClose} testId="set-password-dialog">
      {/* The dialog unmounts its content when closed, so every opening starts with an empty form. */}
      {user && <SetPasswordForm user={user} onDone={onClose} />}
    </Dialog>
  );
}

function SetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const toasts = useToasts();
  const [form, setForm] = useState<PasswordResetForm>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const errors = validatePasswordReset(form, user.username);

  const setPassword = useMutation({
    mutationFn: () => usersApi.setPassword(user.username, form.password),
    onSuccess: () => {
      toasts.show({ kind: 'success', title: `Password of ${user.username} set`, message: 'Their sessions have ended.' });
      onDone();
    },
    onError: (error) => {
      // A weak password is the admin's to fix here; anything else (gone user, lost rights) ends the attempt.
      const weak = fieldErrors(error).password;
      if (weak) setServerError(`New password ${weak}.`);
      else {
        toasts.show({ kind: 'error', title: `Could not set the password of ${user.username}`, message: describeError(error) });
        onDone();
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!hasErrors(errors)) setPassword.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">For a forgotten password: {user.username} logs in with this one, and their sessions end at once.</p>
      <Field
        label="New password"
        error={(submitted ? errors.password : undefined) ?? serverError}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
      >
        <input
          type="password"
          value={form.password}
          onChange={(e) => {
            setForm({ ...form, password: e.target.value });
            setServerError(undefined);
          }}
          autoComplete="new-password"
          autoFocus
          data-testid="set-password-new"
        />
      </Field>
      <Field label="New password again" error={submitted ? errors.passwordAgain : undefined}>
        <input
          type="password"
          value={form.passwordAgain}
          onChange={(e) => setForm({ ...form, passwordAgain: e.target.value })}
          autoComplete="new-password"
          data-testid="set-password-again"
        />
      </Field>
      <div className="dialog-footer">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={setPassword.isPending} data-testid="set-password-submit">
          {setPassword.isPending ? 'Setting…' : 'Set password'}
        </button>
      </div>
    </form>
  );
}
