package io.axion.web.internal.jaxrs;

import io.axion.api.auth.AuthenticatedUser;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The caller as Jersey's role checks see it; roles include the ones below them. */
record UserSecurityContext(AuthenticatedUser user, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return user;
    }

    @Override
    public boolean isUserInRole(String role) {
        return user.hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
