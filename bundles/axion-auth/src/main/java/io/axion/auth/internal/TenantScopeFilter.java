package io.axion.auth.internal;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.Roles;
import io.axion.api.error.AxionException;
import io.axion.api.tenant.TenantRoles;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import io.axion.api.web.RestProvider;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Decides the tenant each authenticated request acts in ({@link TenantScope}), right after authentication and
 * before the role checks: the caller's tenant, the one the {@value TenantScope#HEADER} header names (403 for a
 * non-member), or the one an API token is bound to (a header naming another is refused). The caller's role is then
 * capped by their role in that tenant, so a tenant viewer cannot act even if their global role could; global
 * admins keep theirs everywhere.
 */
@Component(service = RestProvider.class)
@Priority(Priorities.AUTHENTICATION + 50)
public class TenantScopeFilter implements ContainerRequestFilter, RestProvider {

    @Reference
    private TenantService tenants;

    public TenantScopeFilter() {
    }

    TenantScopeFilter(TenantService tenants) {
        this.tenants = tenants;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (!(principal instanceof AuthenticatedUser user)) {
            return; // an open route: nothing to scope
        }
        String requested = request.getHeaderString(TenantScope.HEADER);
        if (user.tenant() != null) {
            if (requested != null && !requested.isBlank() && !requested.trim().equals(user.tenant())) {
                throw new AxionException(403, "token-tenant", "Forbidden",
                        "This API token acts in tenant '" + user.tenant() + "' only");
            }
            requested = user.tenant();
        }
        TenantScope scope = tenants.scopeOf(user.username(), user.role(), requested);
        request.setProperty(TenantScope.REQUEST_PROPERTY, scope);
        if (!Roles.ADMIN.equals(user.role())) {
            request.setSecurityContext(new Capped(security, TenantRoles.actingRole(scope.role())));
        }
    }

    /** The caller's roles, capped by the role they act with in the request's tenant. */
    record Capped(SecurityContext delegate, String cap) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return delegate.getUserPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return delegate.isUserInRole(role) && Roles.includes(cap, role);
        }

        @Override
        public boolean isSecure() {
            return delegate.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return delegate.getAuthenticationScheme();
        }
    }
}
