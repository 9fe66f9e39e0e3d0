package io.axion.api.tenant;

/** A user's place in a tenant: {@code role} is one of {@link TenantRoles#ALL}. */
public record Membership(String tenant, String username, String role) {
}
