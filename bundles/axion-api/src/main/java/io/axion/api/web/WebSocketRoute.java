package io.axion.api.web;

import io.axion.api.auth.AuthenticatedUser;
import jakarta.websocket.Endpoint;
import java.util.Map;

/**
 * A WebSocket route served under {@code /ws/}. Register it as an OSGi service; the web bundle authenticates the
 * upgrade (a bearer token or a single-use ticket) before it asks the route for an endpoint, so a route only ever
 * sees authenticated sessions.
 */
public interface WebSocketRoute {

    /** The first path segment after {@code /ws/}, e.g. {@code events} or {@code terminal}. */
    String name();

    /**
     * Creates the endpoint for one connection.
     *
     * @param user     who opened it
     * @param argument the rest of the path after {@code /ws/name/}, or {@code null}
     * @param query    the query parameters of the upgrade request (the ticket removed)
     */
    Endpoint newEndpoint(AuthenticatedUser user, String argument, Map<String, String> query);
}
