import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { instancesApi } from '../../api/instances';
import { keys } from '../../api/keys';
import { describeError } from '../../api/client';
import { TENANT_ROLES, tenantsApi, type Tenant, type TenantRole } from '../../api/tenants';
import { TenantUsageList } from '../../components/TenantQuotaCard';
import { Field } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { AdminOnly } from './AdminGuard';

export default function TenantsPage() {
  return (
    <AdminOnly>
      <TenantsAdmin />
    </AdminOnly>
  );
}

/** A number field's value as a quota figure: empty is no limit of the tenant's own. */
export function figure(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

function TenantsAdmin() {
  const client = useQueryClient();
  const toasts = useToasts();
  const tenants = useQuery({ queryKey: keys.tenants, queryFn: ({ signal }) => tenantsApi.list(signal) });
  const instances = useQuery({ queryKey: keys.instances, queryFn: ({ signal }) => instancesApi.list(signal) });
  const [name, setName] = useState('');
  const [cpu, setCpu] = useState('');
  const [memory, setMemory] = useState('');
  const [count, setCount] = useState('');

  const refresh = () => void client.invalidateQueries({ queryKey: keys.tenants });
  const create = useMutation({
    mutationFn: () =>
      tenantsApi.create(name.trim(), { cpu: figure(cpu), memoryMiB: figure(memory), instances: figure(count) }),
    onSuccess: (made) => {
      toasts.show({ kind: 'success', title: `Tenant ${made.name} created` });
      setName('');
      refresh();
    },
    onError: (e) => toasts.show({ kind: 'error', title: 'Could not create the tenant', message: describeError(e) }),
  });
  const remove = useMutation({
    mutationFn: (tenant: string) => tenantsApi.remove(tenant),
    onSuccess: refresh,
    onError: (e) => toasts.show({ kind: 'error', title: 'Could not delete the tenant', message: describeError(e) }),
  });

  if (tenants.isError) return <ErrorBanner what="Tenants" error={tenants.error} onRetry={() => tenants.refetch()} />;
  if (!tenants.data) return <Loading what="tenants" />;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }

  return (
    <section className="page" aria-labelledby="tenants-title">
      <header className="page-header">
        <h1 id="tenants-title">Tenants</h1>
      </header>
      <div className="cards" data-testid="tenant-cards">
        {tenants.data.map((tenant) => (
          <TenantCard
            key={tenant.name}
            tenant={tenant}
            instances={instances.data ?? []}
            onDelete={tenant.name === 'default' ? undefined : () => remove.mutate(tenant.name)}
          />
        ))}
      </div>
      <section className="card panel" aria-labelledby="tenant-new-title">
        <h2 id="tenant-new-title">New tenant</h2>
        <p className="muted">A figure left empty sets no limit of the tenant's own; the global quota still holds.</p>
        <form onSubmit={submit} noValidate className="inline-form">
          <Field label="Name">
            <input value={name} onChange={(e) => setName(e.target.value)} pattern="[a-z0-9-]+" required />
          </Field>
          <Field label="CPU cores">
            <input type="number" min={0} value={cpu} onChange={(e) => setCpu(e.target.value)} />
          </Field>
          <Field label="Memory (MiB)">
            <input type="number" min={0} step={256} value={memory} onChange={(e) => setMemory(e.target.value)} />
          </Field>
          <Field label="Instances">
            <input type="number" min={0} value={count} onChange={(e) => setCount(e.target.value)} />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
            Create
          </button>
        </form>
      </section>
    </section>
  );
}

/** One tenant's quota card: each figure used of its limit, and its members. */
export function TenantCard({ tenant, instances, onDelete }: {
  tenant: Tenant;
  instances: { cpu?: number | null; memoryMiB?: number | null; tenant?: string }[];
  onDelete?: () => void;
}) {
  const client = useQueryClient();
  const toasts = useToasts();
  const details = useQuery({ queryKey: keys.tenant(tenant.name), queryFn: ({ signal }) => tenantsApi.get(tenant.name, signal) });
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<TenantRole>('operator');
  const addMember = useMutation({
    mutationFn: () => tenantsApi.setMember(tenant.name, username.trim(), role),
    onSuccess: () => {
      setUsername('');
      void client.invalidateQueries({ queryKey: keys.tenant(tenant.name) });
    },
    onError: (e) => toasts.show({ kind: 'error', title: 'Could not add the member', message: describeError(e) }),
  });
  return (
    <article className="card" aria-label={`Tenant ${tenant.name}`} data-testid={`tenant-${tenant.name}`}>
      <h2>{tenant.name}</h2>
      <TenantUsageList tenant={tenant} instances={instances} />
      <p className="muted">
        {(details.data?.members ?? []).map((m) => `${m.username} (${m.role})`).join(', ') || 'No members'}
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (username.trim()) addMember.mutate();
        }}
      >
        <input aria-label="Username" placeholder="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as TenantRole)}>
          {TENANT_ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-small">
          Add member
        </button>
      </form>
      {onDelete && (
        <button type="button" className="btn btn-small btn-danger" onClick={onDelete}>
          Delete
        </button>
      )}
    </article>
  );
}
