package io.axion.hpc.internal.gang;

import io.axion.api.error.AxionException;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;

/**
 * Gangs follow the tenant rules of instances: a gang is made in the request's tenant, and a request sees the gangs
 * of its tenant only (a global admin naming no tenant sees all). A null scope is a request nobody scoped (the auth
 * feature is not installed) or the shell, which is admin: it sees every gang and creates in {@code default}.
 */
public final class GangTenancy {

    private GangTenancy() {
    }

    /** Where a create of this scope makes the gang; 403 {@code not-a-member} for a caller of no tenant. */
    public static String tenantOfCreate(TenantScope scope) {
        if (scope == null) {
            return TenantService.DEFAULT;
        }
        if (!scope.member()) {
            throw new AxionException(403, "not-a-member", "Forbidden",
                    "You belong to no tenant; an admin must add you to one before you create gangs");
        }
        return scope.tenant();
    }

    /** Whether the scope sees a gang of {@code tenant} (null: {@code default}). */
    public static boolean sees(TenantScope scope, String tenant) {
        return scope == null || scope.sees(tenant);
    }

    /** Whether the scope sees every tenant's gangs. */
    public static boolean seesAll(TenantScope scope) {
        return scope == null || scope.all();
    }

    /** The one tenant a scope that does not see all of them sees ({@code ""} for a caller of none: no gang has it). */
    static String tenantOf(TenantScope scope) {
        return scope.tenant();
    }
}
