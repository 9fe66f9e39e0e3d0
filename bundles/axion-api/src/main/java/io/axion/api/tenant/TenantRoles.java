package io.axion.api.tenant;

import io.axion.api.auth.Roles;
import java.util.List;

/**
 * The roles a user holds inside one tenant, each including the ones below it: a viewer reads the tenant's
 * objects, an operator also acts on them, a tenant-admin also manages the tenant's members. Global admins
 * ({@link Roles#ADMIN}) are members of every tenant in effect.
 */
public final class TenantRoles {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String TENANT_ADMIN = "tenant-admin";

    /** Lowest to highest. */
    public static final List<String> ALL = List.of(VIEWER, OPERATOR, TENANT_ADMIN);

    public static boolean isRole(String name) {
        return name != null && ALL.contains(name);
    }

    /**
     * The global role a tenant role acts with on the tenant's routes: a tenant-admin acts on instances as an
     * operator does (managing members is checked by the tenant service itself, never by a global role).
     */
    public static String actingRole(String tenantRole) {
        return VIEWER.equals(tenantRole) ? Roles.VIEWER : Roles.OPERATOR;
    }

    /** The tenant role a new member with global role {@code role} gets in the {@code default} tenant. */
    public static String forGlobalRole(String role) {
        if (Roles.ADMIN.equals(role)) {
            return TENANT_ADMIN;
        }
        return Roles.OPERATOR.equals(role) ? OPERATOR : VIEWER;
    }

    private TenantRoles() {
    }
}
