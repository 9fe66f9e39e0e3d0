package io.axion.web.internal.ws;

import jakarta.websocket.Endpoint;

/**
 * Hands the endpoint created by the authentication filter to the upgrade that follows on the same thread: Jetty
 * performs the upgrade synchronously inside the filter chain, and Jakarta WebSocket offers no other way to pass
 * per-request state from the HTTP request to the endpoint.
 */
final class PendingEndpoint {
    /** The route's endpoint for this connection, and whom it was authenticated as. */
    record Pending(Endpoint endpoint, String username) {
    }

    private static final ThreadLocal<Pending> CURRENT = new ThreadLocal<>();

    private PendingEndpoint() {
    }

    static void set(Endpoint endpoint, String username) {
        CURRENT.set(new Pending(endpoint, username));
    }

    static Pending take() {
        Pending pending = CURRENT.get();
        CURRENT.remove();
        return pending;
    }

    static void clear() {
        CURRENT.remove();
    }
}
