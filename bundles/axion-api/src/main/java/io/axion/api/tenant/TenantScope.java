package io.axion.api.tenant;

/**
 * The tenant a request acts in, decided once per request after authentication: the caller's only tenant, or the
 * one the {@value #HEADER} header names (403 when the caller is no member). A global admin who names none acts
 * on every tenant ({@link #all()}), and creates in {@code default}.
 * <p>
 * The web layer keeps it in the request property {@value #REQUEST_PROPERTY}; a request without one (the auth
 * feature is not installed, a {@code @PermitAll} route) is not scoped.
 *
 * @param tenant the tenant the request acts in (where it creates); never null
 * @param all    whether it sees every tenant's objects (a global admin without the header)
 * @param role   the caller's role in {@code tenant} ({@link TenantRoles}); {@code tenant-admin} for a global admin
 */
public record TenantScope(String tenant, boolean all, String role) {
    public static final String HEADER = "Axion-Tenant";
    public static final String REQUEST_PROPERTY = "io.axion.tenant.scope";
    /** The LXD config key holding the tenant of an instance; an instance without it belongs to {@code default}. */
    public static final String INSTANCE_CONFIG_KEY = "user.axion.tenant";

    /** The scope of a caller who belongs to no tenant: sees nothing of any tenant, and creates nowhere. */
    public static TenantScope none() {
        return new TenantScope("", false, TenantRoles.VIEWER);
    }

    /** Whether the request acts in a tenant (a caller of no tenant does not). */
    public boolean member() {
        return !tenant.isEmpty();
    }

    /** Whether an object of {@code owner}'s tenant (null: {@code default}) is visible in this scope. */
    public boolean sees(String owner) {
        return all || tenant.equals(owner == null ? TenantService.DEFAULT : owner);
    }

    /** The scope kept on a request, if it is one; null otherwise (an unscoped request). */
    public static TenantScope from(Object requestProperty) {
        return requestProperty instanceof TenantScope scope ? scope : null;
    }
}
