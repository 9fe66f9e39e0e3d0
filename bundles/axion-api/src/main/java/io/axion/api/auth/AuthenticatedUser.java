package io.axion.api.auth;

import java.security.Principal;

/**
 * The caller of a request or a WebSocket session, as established by the {@link Authenticator}.
 *
 * @param tenant the tenant an API token is bound to (its requests act there only); null for a login's token
 */
public record AuthenticatedUser(String username, String role, String tenant) implements Principal {

    /** A caller bound to no tenant (a login). */
    public AuthenticatedUser(String username, String role) {
        this(username, role, null);
    }

    @Override
    public String getName() {
        return username;
    }

    public boolean hasRole(String required) {
        return Roles.includes(role, required);
    }
}
