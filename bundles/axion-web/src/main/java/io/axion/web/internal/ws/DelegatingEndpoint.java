package io.axion.web.internal.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * The deployed endpoint class; forwards to the route's own endpoint for this connection, and keeps the session in
 * its user's open sessions while it lives.
 */
public final class DelegatingEndpoint extends Endpoint {
    private final Endpoint delegate;
    private final String username;
    private final OpenSessions sessions;

    DelegatingEndpoint(Endpoint delegate, String username, OpenSessions sessions) {
        this.delegate = delegate;
        this.username = username;
        this.sessions = sessions;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        sessions.opened(username, session);
        delegate.onOpen(session, config);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        sessions.closed(username, session);
        delegate.onClose(session, closeReason);
    }

    @Override
    public void onError(Session session, Throwable error) {
        delegate.onError(session, error);
    }
}
