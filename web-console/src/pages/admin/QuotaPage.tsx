import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { quotaApi } from '../../api/quota';
import { keys } from '../../api/keys';
import { describeError } from '../../api/client';
import { hasErrors, validateQuota, type QuotaForm } from '../../lib/validation';
import { formatMiB } from '../../lib/format';
import { Field } from '../../components/Field';
import { QuotaGauges } from '../../components/QuotaGauges';
import { useToasts } from '../../components/Toasts';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { AdminOnly } from './AdminGuard';

export default function QuotaPage() {
  return (
    <AdminOnly>
      <QuotaAdmin />
    </AdminOnly>
  );
}

function QuotaAdmin() {
  const client = useQueryClient();
  const toasts = useToasts();
  const quota = useQuery({ queryKey: keys.quota, queryFn: ({ signal }) => quotaApi.get(signal) });
  const [form, setForm] = useState<QuotaForm | null>(null);

  useEffect(() => {
    if (quota.data && !form) setForm({ cpu: quota.data.cpu.limit, memoryMiB: quota.data.memoryMiB.limit });
  }, [quota.data, form]);

  const save = useMutation({
    mutationFn: (limits: QuotaForm) => quotaApi.put(limits),
    onSuccess: (updated) => {
      toasts.show({ kind: 'success', title: 'Quota updated' });
      if (updated && typeof updated === 'object' && 'cpu' in updated) client.setQueryData(keys.quota, updated);
      void client.invalidateQueries({ queryKey: keys.quota });
    },
    onError: (e) => toasts.show({ kind: 'error', title: 'Could not update the quota', message: describeError(e) }),
  });

  if (quota.isError) return <ErrorBanner what="Quota" error={quota.error} onRetry={() => quota.refetch()} />;
  if (!quota.data || !form) return <Loading what="quota" />;
  const q = quota.data;
  const cpuMax = q.cpuOvercommit ? q.cpu.physical * q.cpuOvercommit : undefined;
  const errors = validateQuota(form, {
    cpuAllocated: q.cpu.allocated,
    cpuMax,
    memoryAllocated: q.memoryMiB.allocated,
    memoryPhysical: q.memoryMiB.physical,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form && !hasErrors(errors)) save.mutate(form);
  }

  return (
    <section className="page" aria-labelledby="quota-title">
      <header className="page-header">
        <h1 id="quota-title">Quota</h1>
      </header>
      <QuotaGauges />
      <section className="card panel" aria-labelledby="quota-form-title">
        <h2 id="quota-form-title">Limits</h2>
        <p className="muted">
          Every create and resize is checked against these limits. Memory is never overcommitted (at most {formatMiB(q.memoryMiB.physical)});
          CPU may go up to the physical cores ({q.cpu.physical}) × the overcommit setting{q.cpuOvercommit ? ` (${q.cpuOvercommit})` : ''}.
        </p>
        <form onSubmit={submit} noValidate className="inline-form">
          <Field label="CPU limit (cores)" error={errors.cpu} hint={`allocated ${q.cpu.allocated}`}>
            <input type="number" min={1} step={1} value={Number.isNaN(form.cpu) ? '' : form.cpu} onChange={(e) => setForm({ ...form, cpu: e.target.valueAsNumber })} />
          </Field>
          <Field label="Memory limit (MiB)" error={errors.memoryMiB} hint={`allocated ${formatMiB(q.memoryMiB.allocated)}`}>
            <input type="number" min={1} step={256} value={Number.isNaN(form.memoryMiB) ? '' : form.memoryMiB} onChange={(e) => setForm({ ...form, memoryMiB: e.target.valueAsNumber })} />
          </Field>
          <button type="submit" className="btn btn-primary" disabled={hasErrors(errors) || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save limits'}
          </button>
        </form>
      </section>
    </section>
  );
}
