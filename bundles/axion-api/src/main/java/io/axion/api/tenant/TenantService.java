package io.axion.api.tenant;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Tenants and their members, cluster-wide (kept in the shared store). Managing tenants is for global admins; the
 * callers (REST resource, shell) check that. Errors: {@link io.axion.api.error.ValidationException} (422, the field
 * named), {@link io.axion.api.error.NotFoundException} (404), {@link io.axion.api.error.ConflictException} (409).
 */
@ProviderType
public interface TenantService {
    /** The tenant every installation starts with; it holds every instance and user that existed before tenants. */
    String DEFAULT = "default";

    /** Every tenant, by name. */
    List<Tenant> list();

    Optional<Tenant> find(String name);

    /** @throws io.axion.api.error.NotFoundException when there is no such tenant */
    default Tenant get(String name) {
        return find(name).orElseThrow(() -> new io.axion.api.error.NotFoundException("Tenant", name));
    }

    /**
     * Creates a tenant.
     *
     * @throws io.axion.api.error.ValidationException (422) for a bad name or quota, or a quota whose sum over all
     *                                                tenants passes the global ceiling while overcommit is off
     * @throws io.axion.api.error.ConflictException   (409) when the name is taken
     */
    Tenant create(String name, TenantQuota quota);

    /** Replaces a tenant's quota, checked as on {@link #create}. */
    Tenant update(String name, TenantQuota quota);

    /**
     * Deletes a tenant and its memberships.
     *
     * @throws io.axion.api.error.ConflictException (409) for {@code default}, or while the tenant holds instances
     */
    void delete(String name);

    /** The tenant's members, by username. */
    List<Membership> members(String tenant);

    /** The user's memberships, by tenant. */
    List<Membership> memberships(String username);

    /** Adds a member or changes its role; 404 for an unknown tenant or user, 422 for an unknown role. */
    Membership setMember(String tenant, String username, String role);

    /** Removes a member; 404 when it is none. */
    void removeMember(String tenant, String username);

    /**
     * The scope a request of {@code username} (global role {@code globalRole}) acts in, naming {@code requested}
     * (the {@value TenantScope#HEADER} header; null when absent).
     *
     * @throws io.axion.api.error.AxionException 403 {@code not-a-member} when the user is no member of the named
     *                                           tenant (or of any, naming none), 404 for an unknown tenant
     */
    TenantScope scopeOf(String username, String globalRole, String requested);
}
