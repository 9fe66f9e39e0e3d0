package io.axion.auth.internal;

import io.axion.api.error.AxionException;
import io.axion.api.web.RestProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
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
        return address(request == null ? null : request.getRemoteAddr());
    }

    /** The peer address the web bundle put on the request ({@link RestProvider#PEER_ADDRESS}). */
    static String address(ContainerRequestContext request) {
        Object address = request == null ? null : request.getProperty(RestProvider.PEER_ADDRESS);
        return address(address == null ? null : address.toString());
    }

    private static String address(String address) {
        return address == null ? "unknown" : address;
    }
}
