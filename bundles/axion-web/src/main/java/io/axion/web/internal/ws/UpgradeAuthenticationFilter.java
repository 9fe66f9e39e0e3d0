package io.axion.web.internal.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.auth.AuditEvent;
import io.axion.api.auth.AuditTrail;
import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.Authenticator;
import io.axion.api.web.WebSocketRoute;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Authenticates a WebSocket upgrade before Jetty accepts it: a bearer token (non-browser clients) or a single-use
 * ticket (browsers). A refused upgrade gets a problem+json answer and never reaches the route. Both outcomes go to
 * the audit trail, when the auth feature provides one.
 */
final class UpgradeAuthenticationFilter implements Filter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<Optional<Authenticator>> authenticator;
    private final Function<String, Optional<WebSocketRoute>> routes;
    private final Supplier<Optional<AuditTrail>> audit;

    UpgradeAuthenticationFilter(Supplier<Optional<Authenticator>> authenticator,
                                Function<String, Optional<WebSocketRoute>> routes,
                                Supplier<Optional<AuditTrail>> audit) {
        this.authenticator = authenticator;
        this.routes = routes;
        this.audit = audit;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(req, res);
            return;
        }
        String[] segments = request.getRequestURI().substring("/ws/".length()).split("/", 2);
        Optional<WebSocketRoute> route = routes.apply(segments[0]);
        if (route.isEmpty()) {
            refuse(response, 404, "not-found", "No WebSocket route " + segments[0]);
            return;
        }
        Map<String, String> query = query(request.getQueryString());
        String ticket = query.remove("ticket");
        Optional<AuthenticatedUser> user = authenticate(request.getHeader("Authorization"), ticket);
        if (user.isEmpty()) {
            refuse(response, 401, "unauthorized", "A valid bearer token or WebSocket ticket is required");
            audit(null, request, 401);
            return;
        }
        String argument = segments.length > 1 ? URLDecoder.decode(segments[1], StandardCharsets.UTF_8) : null;
        PendingEndpoint.set(route.get().newEndpoint(user.get(), argument, query), user.get().username());
        try {
            chain.doFilter(req, res);
        } finally {
            PendingEndpoint.clear();
        }
        audit(user.get().username(), request, response.getStatus());
    }

    /** Who opened (or failed to open) which socket from where; the path only, as the query may hold a ticket. */
    private void audit(String user, HttpServletRequest request, int status) {
        audit.get().ifPresent(trail -> trail.record(new AuditEvent(user, AuditEvent.WEBSOCKET, request.getMethod(),
                request.getRequestURI(), request.getRemoteAddr(), status)));
    }

    private Optional<AuthenticatedUser> authenticate(String authorization, String ticket) {
        Optional<Authenticator> auth = authenticator.get();
        if (auth.isEmpty()) {
            return Optional.empty();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.get().authenticateBearer(authorization.substring(7).trim());
        }
        return ticket == null || ticket.isBlank() ? Optional.empty() : auth.get().redeemTicket(ticket);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    private static void refuse(HttpServletResponse response, int status, String slug, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"axion\"");
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://axion.dev/problems/" + slug);
        problem.put("title", status == 401 ? "Unauthorized" : "Not found");
        problem.put("status", status);
        problem.put("detail", detail);
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
