package io.axion.api.tenant;

/**
 * A change of tenants, told to every {@link TenantListener} on the node that made it, after it is stored.
 *
 * @param username the member concerned, for membership events; null otherwise
 */
public record TenantEvent(Type type, String tenant, String username) {
    public enum Type { TENANT_ADDED, TENANT_UPDATED, TENANT_REMOVED, MEMBER_SET, MEMBER_REMOVED }
}
