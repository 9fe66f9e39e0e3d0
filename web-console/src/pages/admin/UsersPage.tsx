import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usersApi } from '../../api/users';
import { ROLES, type Role, type User } from '../../api/auth';
import { keys } from '../../api/keys';
import { describeError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { hasErrors, MIN_PASSWORD_LENGTH, validateUser, type UserForm } from '../../lib/validation';
import { Field } from '../../components/Field';
import { ConfirmDialog } from '../../components/Dialog';
import { useToasts } from '../../components/Toasts';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { AdminOnly } from './AdminGuard';
import { SetPasswordDialog } from './SetPasswordDialog';

const ROLE_TEXT: Record<Role, string> = {
  viewer: 'reads everything, changes nothing',
  operator: 'also acts on instances',
  admin: 'also manages users and quota',
};

export default function UsersPage() {
  return (
    <AdminOnly>
      <Users />
    </AdminOnly>
  );
}

function Users() {
  const { session } = useAuth();
  const client = useQueryClient();
  const toasts = useToasts();
  const users = useQuery({ queryKey: keys.users, queryFn: ({ signal }) => usersApi.list(signal) });
  const [form, setForm] = useState<UserForm>({ username: '', password: '', role: 'viewer' });
  const [touched, setTouched] = useState(false);
  const [removing, setRemoving] = useState<User | null>(null);
  const [settingPassword, setSettingPassword] = useState<User | null>(null);
  const errors = validateUser(form);

  const create = useMutation({
    mutationFn: () => usersApi.create({ ...form, role: form.role as Role }),
    onSuccess: (user) => {
      toasts.show({ kind: 'success', title: `User ${user?.username ?? form.username} created` });
      setForm({ username: '', password: '', role: 'viewer' });
      setTouched(false);
      void client.invalidateQueries({ queryKey: keys.users });
    },
    onError: (e) => toasts.show({ kind: 'error', title: 'Could not create the user', message: describeError(e) }),
  });

  const resetTotp = useMutation({
    mutationFn: (username: string) => usersApi.resetTotp(username),
    onSuccess: (_, username) => {
      toasts.show({ kind: 'success', title: `Two-factor login of ${username} reset` });
      void client.invalidateQueries({ queryKey: keys.users });
    },
    onError: (e, username) =>
      toasts.show({ kind: 'error', title: `Could not reset the two-factor login of ${username}`, message: describeError(e) }),
  });

  const remove = useMutation({
    mutationFn: (username: string) => usersApi.remove(username),
    onSuccess: (_, username) => {
      toasts.show({ kind: 'success', title: `User ${username} deleted` });
      void client.invalidateQueries({ queryKey: keys.users });
    },
    onError: (e, username) => toasts.show({ kind: 'error', title: `Could not delete ${username}`, message: describeError(e) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!hasErrors(errors)) create.mutate();
  }

  return (
    <section className="page" aria-labelledby="users-title">
      <header className="page-header">
        <h1 id="users-title">Users and roles</h1>
      </header>
      <div className="split">
        <section className="card panel" aria-labelledby="user-list-title">
          <h2 id="user-list-title">Users</h2>
          {users.isError && <ErrorBanner what="Users" error={users.error} onRetry={() => users.refetch()} />}
          {users.isPending && <Loading what="users" />}
          {users.data && (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Username</th>
                  <th scope="col">Role</th>
                  <th scope="col"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <tr key={u.username} data-testid="user-row" data-username={u.username}>
                    <td>
                      {u.username}
                      {u.username === session?.user.username && <span className="muted"> (you)</span>}
                    </td>
                    <td>
                      <span className={`badge badge-role-${u.role}`}>{u.role}</span>
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        // Set here, the admin's own password would end their own session; the account page keeps it going.
                        disabled={u.username === session?.user.username}
                        title={u.username === session?.user.username ? 'Change your own password on your account page' : undefined}
                        onClick={() => setSettingPassword(u)}
                        aria-label={`Set the password of ${u.username}`}
                        data-testid="user-set-password"
                      >
                        Set password
                      </button>
                      {u.totp && (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => resetTotp.mutate(u.username)}
                          aria-label={`Reset the two-factor login of ${u.username}`}
                          data-testid="user-reset-totp"
                        >
                          Reset two-factor
                        </button>
                      )}
                      <button
                        type="button"
                        className="btn btn-small btn-danger-ghost"
                        disabled={u.username === session?.user.username}
                        title={u.username === session?.user.username ? 'You cannot delete yourself' : undefined}
                        onClick={() => setRemoving(u)}
                        aria-label={`Delete user ${u.username}`}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card panel" aria-labelledby="new-user-title">
          <h2 id="new-user-title">Add a user</h2>
          <form onSubmit={submit} noValidate>
            <Field label="Username" error={touched ? errors.username : undefined}>
              <input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value.trim() })} autoComplete="off" />
            </Field>
            <Field label="Password" error={touched ? errors.password : undefined} hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
              <input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} autoComplete="new-password" />
            </Field>
            <fieldset className="radio-group">
              <legend>Role</legend>
              {ROLES.map((r) => (
                <label key={r} className="radio">
                  <input type="radio" name="role" value={r} checked={form.role === r} onChange={() => setForm({ ...form, role: r })} />
                  <span>
                    <strong>{r}</strong> <span className="muted">— {ROLE_TEXT[r]}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <button type="submit" className="btn btn-primary" disabled={create.isPending}>
              {create.isPending ? 'Adding…' : 'Add user'}
            </button>
          </form>
        </section>
      </div>
      <SetPasswordDialog user={settingPassword} onClose={() => setSettingPassword(null)} />
      <ConfirmDialog
        open={removing !== null}
        title={`Delete user ${removing?.username}?`}
        confirmLabel="Delete"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) remove.mutate(removing.username);
          setRemoving(null);
        }}
      >
        <p>{removing?.username} can no longer log in, and their sessions end at once.</p>
      </ConfirmDialog>
    </section>
  );
}
