import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from '../api/keys';
import { tenantSelection, tenantsApi } from '../api/tenants';

/**
 * Chooses the tenant the console acts in (the `Axion-Tenant` header of every request). Shown only to users who
 * can choose: an admin, or a member of more than one tenant. Every cached answer is dropped on a change, since
 * each was the previous tenant's.
 */
export function TenantSwitcher({ admin }: { admin: boolean }) {
  const client = useQueryClient();
  const tenants = useQuery({ queryKey: keys.tenants, queryFn: ({ signal }) => tenantsApi.list(signal) });
  const [current, setCurrent] = useState<string | null>(tenantSelection.get());

  useEffect(() => tenantSelection.subscribe(setCurrent), []);

  const names = (tenants.data ?? []).map((t) => t.name);
  // A remembered tenant the user no longer belongs to would answer 403 everywhere: forget it.
  useEffect(() => {
    if (tenants.data && current && !names.includes(current)) tenantSelection.set(null);
  }, [tenants.data, current, names]);

  if (!tenants.data || (!admin && names.length < 2)) return null;

  function choose(value: string) {
    tenantSelection.set(value === '' ? null : value);
    void client.invalidateQueries();
  }

  return (
    <label className="tenant-switcher" title="The tenant this console acts in">
      <span className="muted">Tenant</span>{' '}
      <select data-testid="tenant-switcher" value={current ?? ''} onChange={(e) => choose(e.target.value)}>
        <option value="">{admin ? 'All tenants' : 'My default'}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
