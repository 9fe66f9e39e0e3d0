import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { ANONYMOUS } from '../auth/session';
import { isAdmin, type Role } from '../api/auth';
import { describeError, fieldErrors } from '../api/client';
import { keys } from '../api/keys';
import { tenantsApi } from '../api/tenants';
import {
  endOfDay,
  scopesFor,
  tokensApi,
  type ApiToken,
  type CreatedApiToken,
  type TokenScope,
} from '../api/tokens';
import { formatTime } from '../lib/format';
import { Field } from '../components/Field';
import { ConfirmDialog } from '../components/Dialog';
import { useToasts } from '../components/Toasts';
import { ErrorBanner, Loading } from '../components/ErrorBanner';

const SCOPE_TEXT: Record<TokenScope, string> = {
  read: 'reads everything the owner can',
  operate: 'also acts on instances',
  admin: 'also manages users, tenants and quota',
};

export default function TokensPage() {
  const { session } = useAuth();
  if (!session || session === ANONYMOUS) {
    return (
      <section className="page page-narrow">
        <h1>API tokens</h1>
        <p className="muted">This server has no login (its auth feature is not installed), so it takes no tokens.</p>
      </section>
    );
  }
  return <Tokens username={session.user.username} role={session.user.role} />;
}

function Tokens({ username, role }: { username: string; role: Role }) {
  const client = useQueryClient();
  const toasts = useToasts();
  const admin = isAdmin(role);
  const [everyone, setEveryone] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const showAll = admin && everyone;
  const tokens = useQuery({ queryKey: keys.tokens(showAll), queryFn: ({ signal }) => tokensApi.list(showAll, signal) });

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => tokensApi.revoke(token.id),
    onSuccess: (_, token) => {
      toasts.show({ kind: 'success', title: `Token ${token.name} revoked`, message: 'It stopped working at once.' });
      void client.invalidateQueries({ queryKey: keys.allTokens });
    },
    onError: (e, token) => toasts.show({ kind: 'error', title: `Could not revoke ${token.name}`, message: describeError(e) }),
  });

  return (
    <section className="page" aria-labelledby="tokens-title">
      <header className="page-header">
        <div>
          <h1 id="tokens-title">API tokens</h1>
          <p className="muted">
            A token is a Bearer for scripts: it acts as you, capped by its scopes, until it expires or is revoked. Back to{' '}
            <Link to="/account">your account</Link>.
          </p>
        </div>
        {admin && (
          <label className="checkbox">
            <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} data-testid="tokens-all" />
            <span>Everyone's tokens</span>
          </label>
        )}
      </header>
      {created && <CreatedToken token={created} onDone={() => setCreated(null)} />}
      {/* Stacked, not split: the list's eight columns need the page's width (beside the form they ran under it and
          covered the Revoke buttons). */}
      <div className="stack">
        <section className="card panel" aria-labelledby="token-list-title">
          <h2 id="token-list-title">{showAll ? 'All tokens' : 'Your tokens'}</h2>
          {tokens.isError && <ErrorBanner what="Tokens" error={tokens.error} onRetry={() => tokens.refetch()} />}
          {tokens.isPending && <Loading what="tokens" />}
          {tokens.data && tokens.data.length === 0 && (
            <p className="muted" data-testid="tokens-empty">
              No tokens yet.
            </p>
          )}
          {tokens.data && tokens.data.length > 0 && (
            <div className="table-scroll">
              <TokenTable tokens={tokens.data} showOwner={showAll} me={username} onRevoke={setRevoking} />
            </div>
          )}
        </section>
        <section className="card panel" aria-labelledby="new-token-title">
          <h2 id="new-token-title">New token</h2>
          <div className="narrow">
            <NewTokenForm role={role} onCreated={setCreated} />
          </div>
        </section>
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke token ${revoking?.name}?`}
        confirmLabel="Revoke"
        danger
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking);
          setRevoking(null);
        }}
      >
        <p>Every script that uses it is refused from now on, on every node. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}

function TokenTable({ tokens, showOwner, me, onRevoke }: {
  tokens: ApiToken[];
  showOwner: boolean;
  me: string;
  onRevoke: (token: ApiToken) => void;
}) {
  return (
    <table className="data-table" data-testid="token-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          {showOwner && <th scope="col">Owner</th>}
          <th scope="col">Scopes</th>
          <th scope="col">Tenant</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col"><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id} data-testid="token-row" data-name={t.name}>
            <td>{t.name}</td>
            {showOwner && (
              <td>
                {t.owner}
                {t.owner === me && <span className="muted"> (you)</span>}
              </td>
            )}
            <td>
              {t.scopes.map((s) => (
                <span key={s} className="badge">
                  {s}
                </span>
              ))}
            </td>
            <td>{t.tenant ?? <span className="muted">any of the owner's</span>}</td>
            <td>{formatTime(t.createdAt)}</td>
            <td>{t.expiresAt ? formatTime(t.expiresAt) : <span className="muted">never</span>}</td>
            <td>{t.lastUsedAt ? formatTime(t.lastUsedAt) : <span className="muted">never</span>}</td>
            <td className="row-actions">
              <button
                type="button"
                className="btn btn-small btn-danger-ghost"
                onClick={() => onRevoke(t)}
                aria-label={`Revoke token ${t.name}`}
                data-testid="token-revoke"
              >
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The fields of the create body the server may name in its 422. */
type TokenField = 'name' | 'scopes' | 'tenant' | 'expiresAt';
const TOKEN_FIELDS: TokenField[] = ['name', 'scopes', 'tenant', 'expiresAt'];

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function NewTokenForm({ role, onCreated }: { role: Role; onCreated: (token: CreatedApiToken) => void }) {
  const client = useQueryClient();
  const allowed = scopesFor(role);
  const tenants = useQuery({ queryKey: keys.tenants, queryFn: ({ signal }) => tenantsApi.list(signal) });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [tenant, setTenant] = useState('');
  const [expiry, setExpiry] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<TokenField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const local: Partial<Record<TokenField, string>> = {
    name: name.trim() ? undefined : 'Name the token (what uses it, for instance).',
    scopes: scopes.length ? undefined : 'Choose at least one scope.',
  };
  const shown = (field: TokenField) => (touched ? local[field] : undefined) ?? serverErrors[field];

  const create = useMutation({
    mutationFn: () =>
      tokensApi.create({
        name: name.trim(),
        scopes: allowed.filter((s) => scopes.includes(s)),
        tenant: tenant || undefined,
        expiresAt: endOfDay(expiry),
      }),
    onSuccess: (made) => {
      onCreated(made);
      setName('');
      setScopes(['read']);
      setTenant('');
      setExpiry('');
      setTouched(false);
      void client.invalidateQueries({ queryKey: keys.allTokens });
    },
    onError: (error) => {
      const found = fieldErrors(error);
      const onFields: Partial<Record<TokenField, string>> = {};
      for (const field of TOKEN_FIELDS) if (found[field]) onFields[field] = capitalise(found[field]);
      setServerErrors(onFields);
      setFailure(Object.keys(onFields).length ? null : describeError(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    setServerErrors({});
    setFailure(null);
    if (!local.name && !local.scopes) create.mutate();
  }

  const edit = (field: TokenField) => setServerErrors((e) => ({ ...e, [field]: undefined }));
  const toggle = (scope: TokenScope, on: boolean) => {
    edit('scopes');
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  };
  const scopeError = shown('scopes');

  return (
    <form onSubmit={submit} noValidate data-testid="token-form">
      <Field label="Token name" error={shown('name')}>
        <input
          value={name}
          maxLength={64}
          onChange={(e) => {
            setName(e.target.value);
            edit('name');
          }}
          autoComplete="off"
          data-testid="token-name"
        />
      </Field>
      <fieldset className="radio-group" aria-describedby={scopeError ? 'token-scopes-error' : undefined}>
        <legend>Scopes</legend>
        {allowed.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) => toggle(scope, e.target.checked)}
              data-testid={`token-scope-${scope}`}
            />
            <span>
              <strong>{scope}</strong> <span className="muted">— {SCOPE_TEXT[scope]}</span>
            </span>
          </label>
        ))}
        {scopeError && (
          <div id="token-scopes-error" className="field-error" role="alert">
            {scopeError}
          </div>
        )}
      </fieldset>
      {tenants.data && tenants.data.length > 0 && (
        <Field label="Tenant" error={shown('tenant')} hint="Bound to one tenant, the token acts there only.">
          <select
            value={tenant}
            onChange={(e) => {
              setTenant(e.target.value);
              edit('tenant');
            }}
            data-testid="token-tenant"
          >
            <option value="">Not bound (acts as you do)</option>
            {tenants.data.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label="Expires" error={shown('expiresAt')} hint="Optional: it stops working at the end of that day.">
        <input
          type="date"
          min={today()}
          value={expiry}
          onChange={(e) => {
            setExpiry(e.target.value);
            edit('expiresAt');
          }}
          data-testid="token-expiry"
        />
      </Field>
      {failure && (
        <p className="error-banner form-failure" role="alert" data-testid="token-error">
          {failure}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="token-create">
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}

function capitalise(message: string): string {
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The secret of a token just made: shown this once, with a copy button. */
function CreatedToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, or refused): the secret stays on screen to select by hand.
      setCopied('failed');
    }
  }

  return (
    <section className="card panel" aria-labelledby="token-created-title" data-testid="token-created">
      <h2 id="token-created-title">Token {token.name} created</h2>
      <p className="notice" role="status">
        Copy the secret now: it will not be shown again. Send it as <code>Authorization: Bearer …</code>.
      </p>
      <p>
        <code className="token-secret" data-testid="token-secret" data-secret={token.token}>
          {token.token}
        </code>
      </p>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <button type="button" className="btn" onClick={copy} data-testid="token-copy">
          Copy
        </button>
        <button type="button" className="btn btn-primary" onClick={onDone} data-testid="token-created-done">
          I have copied it
        </button>
        {copied === 'yes' && <span className="muted small" role="status">Copied.</span>}
        {copied === 'failed' && (
          <span className="muted small" role="status">
            The browser refused to copy: select the secret and copy it by hand.
          </span>
        )}
      </div>
    </section>
  );
}
