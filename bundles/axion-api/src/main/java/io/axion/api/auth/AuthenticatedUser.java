package io.axion.api.auth;

import java.security.Principal;

/** The caller of a request or a WebSocket session, as established by the {@link Authenticator}. */
public record AuthenticatedUser(String username, String role) implements Principal {

    @Override
    public String getName() {
        return username;
    }

    public boolean hasRole(String required) {
        return Roles.includes(role, required);
    }
}
