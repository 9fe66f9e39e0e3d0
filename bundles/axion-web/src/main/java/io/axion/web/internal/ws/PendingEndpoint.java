package io.axion.web.internal.ws;

import jakarta.websocket.Endpoint;

/**
 * Hands the endpoint created by the authentication filter to the upgrade that follows on the same thread: Jetty
 * performs the upgrade synchronously inside the filter chain, and Jakarta WebSocket offers no other way to pass
 * per-request state from the HTTP request to the endpoint.
 */
final class PendingEndpoint {
    private static final ThreadLocal<Endpoint> CURRENT = new ThreadLocal<>();

    private PendingEndpoint() {
    }

    static void set(Endpoint endpoint) {
        CURRENT.set(endpoint);
    }

    static Endpoint take() {
        Endpoint endpoint = CURRENT.get();
        CURRENT.remove();
        return endpoint;
    }

    static void clear() {
        CURRENT.remove();
    }
}
