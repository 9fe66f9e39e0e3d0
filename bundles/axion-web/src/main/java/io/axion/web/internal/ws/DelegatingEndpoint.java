package io.axion.web.internal.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** The deployed endpoint class; forwards to the route's own endpoint for this connection. */
public final class DelegatingEndpoint extends Endpoint {
    private final Endpoint delegate;

    DelegatingEndpoint(Endpoint delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        delegate.onOpen(session, config);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        delegate.onClose(session, closeReason);
    }

    @Override
    public void onError(Session session, Throwable error) {
        delegate.onError(session, error);
    }
}
