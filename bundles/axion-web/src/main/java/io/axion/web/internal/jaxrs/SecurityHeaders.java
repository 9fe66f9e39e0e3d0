package io.axion.web.internal.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/** Headers every response carries, whatever route produced it. */
final class SecurityHeaders implements ContainerResponseFilter {
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
            + "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        if (request.getSecurityContext() != null && request.getSecurityContext().isSecure()) {
            // Served over HTTPS: browsers must not fall back to plain HTTP for a year.
            headers.putSingle("Strict-Transport-Security", "max-age=31536000");
        }
        if (request.getUriInfo().getPath().startsWith("api/")) {
            headers.putIfAbsent("Cache-Control", java.util.List.of("no-store"));
            headers.putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        } else {
            headers.putIfAbsent("Content-Security-Policy", java.util.List.of(CONSOLE_CSP));
        }
    }
}
