package io.axion.web.internal.jaxrs;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * CORS for the cluster's own nodes, and nobody else: a console that failed over from node 1 to node 2 is still
 * node 1's page, so its calls to node 2 are cross-origin. Preflights from a peer's origin are answered here, before
 * authentication (a preflight carries no token); real requests are authenticated as always and their answers get
 * the allow-origin header. Tokens travel in the {@code Authorization} header, never in cookies, so no credentials
 * mode is allowed.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class CrossNodeRequests implements ContainerRequestFilter, ContainerResponseFilter {
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Axion-Tenant";
    static final String EXPOSED_HEADERS = "Location, Retry-After";
    private static final String MAX_AGE_SECONDS = "600";

    private final Supplier<Set<String>> peers;

    CrossNodeRequests(Supplier<Set<String>> peers) {
        this.peers = peers;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if ("OPTIONS".equals(request.getMethod()) && request.getHeaderString("Access-Control-Request-Method") != null
                && allowed(origin)) {
            request.abortWith(Response.noContent()
                    .header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", MAX_AGE_SECONDS)
                    .header("Vary", "Origin")
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (allowed(origin) && request.getUriInfo().getPath().startsWith("api/")) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            headers.add("Vary", "Origin");
        }
    }

    private boolean allowed(String origin) {
        return origin != null && !origin.isEmpty() && peers.get().contains(origin.toLowerCase(Locale.ROOT));
    }
}
