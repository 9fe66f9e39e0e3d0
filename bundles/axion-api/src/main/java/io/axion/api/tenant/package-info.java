/**
 * Tenants (shared/API.md, "Tenants"): groups that share the cluster, each with members, roles and a quota carved
 * out of the global ceiling; the {@link io.axion.api.tenant.TenantScope} a request acts in; and the events a
 * {@link io.axion.api.tenant.TenantListener} hears when tenants and memberships change.
 */
@Version("1.0.0")
package io.axion.api.tenant;

import org.osgi.annotation.versioning.Version;
