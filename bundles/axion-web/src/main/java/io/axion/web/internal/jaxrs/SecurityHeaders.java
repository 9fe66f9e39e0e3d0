package io.axion.web.internal.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What differs between the API's answers and the console's: the web server already put the strict security
 * headers on every answer ({@code BaselineHeaders}); the API's are never cached, and the console's files get the
 * content policy a single-page application with a code editor and a terminal needs.
 */
final class SecurityHeaders implements ContainerResponseFilter {
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
            + "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private final Supplier<Set<String>> peers;

    /** @param peers the cluster's node origins, which the console may also connect to (its failover) */
    SecurityHeaders(Supplier<Set<String>> peers) {
        this.peers = peers;
    }

    /** The console's policy, with the peer nodes' origins added to what it may connect to. */
    static String consolePolicy(Set<String> peers) {
        if (peers.isEmpty()) {
            return CONSOLE_CSP;
        }
        return CONSOLE_CSP.replace("connect-src 'self' ws: wss:", "connect-src 'self' ws: wss: "
                + String.join(" ", new TreeSet<>(peers)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        String path = request.getUriInfo().getPath();
        if (path.startsWith("api/")) {
            headers.putIfAbsent("Cache-Control", List.of("no-store"));
        } else if (!path.equals("metrics")) {
            // The console's files: its pages and its workers (the editor's) live under this policy.
            headers.putSingle("Content-Security-Policy", consolePolicy(peers.get()));
        }
    }
}
