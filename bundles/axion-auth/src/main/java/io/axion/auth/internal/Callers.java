package io.axion.auth.internal;

import io.axion.api.error.AxionException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Who is calling and from where, as the web bundle established it. */
final class Callers {
    private Callers() {
    }

    /** The authenticated caller's name; 401 when the request carries none (the web bundle should not let it in). */
    static String name(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal == null || principal.getName() == null) {
            throw new AxionException(401, "unauthorized", "Unauthorized", "A bearer token is required");
        }
        return principal.getName();
    }

    /**
     * The connection's peer address. {@code X-Forwarded-For} is ignored on purpose: a client could write anything
     * there and so escape the per-address throttle.
     */
    static String address(HttpServletRequest request) {
        try {
            String address = request == null ? null : request.getRemoteAddr();
            return address == null ? "unknown" : address;
        } catch (IllegalStateException e) {
            return "unknown"; // outside a request scope
        }
    }
}
