import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { keys } from '../api/keys';
import { tenantSelection, tenantsApi, tenantUsage, type Tenant } from '../api/tenants';

/**
 * The quota of the tenant the console acts in, beside what its instances hold: the chosen tenant, or (as the server
 * picks for a member naming none) the first of the user's tenants by name. An admin naming none acts in every
 * tenant at once, so there is no one card to show.
 */
export function TenantQuotaCard({ admin, instances }: {
  admin: boolean;
  instances: Holding[];
}) {
  const tenants = useQuery({ queryKey: keys.tenants, queryFn: ({ signal }) => tenantsApi.list(signal) });
  const [chosen, setChosen] = useState<string | null>(tenantSelection.get());
  useEffect(() => tenantSelection.subscribe(setChosen), []);

  // A server without tenants (or one that refused) shows no card rather than an error on the instance list.
  if (!tenants.data) return null;
  const byName = [...tenants.data].sort((a, b) => a.name.localeCompare(b.name));
  const tenant = chosen ? byName.find((t) => t.name === chosen) : admin ? undefined : byName[0];
  if (!tenant) return null;
  return (
    <article className="card tenant-quota" aria-label={`Quota of tenant ${tenant.name}`} data-testid="tenant-quota">
      <h2>
        Tenant <strong>{tenant.name}</strong>
      </h2>
      <TenantUsageList tenant={tenant} instances={instances} />
    </article>
  );
}

type Holding = { cpu?: number | null; memoryMiB?: number | null; tenant?: string };

/** A tenant's quota line by line (cores, memory, disk, instances) beside what its instances hold: "used / limit". */
export function TenantUsageList({ tenant, instances }: { tenant: Tenant; instances: Holding[] }) {
  return (
    <dl>
      {tenantUsage(tenant.quota, instances, tenant.name).map((use) => (
        <div key={use.label} data-testid={`tenant-quota-${use.label.split(' ')[0].toLowerCase()}`}>
          <dt>{use.label}</dt>
          <dd>
            {use.used} / {use.limit ?? '∞'}
          </dd>
        </div>
      ))}
    </dl>
  );
}
