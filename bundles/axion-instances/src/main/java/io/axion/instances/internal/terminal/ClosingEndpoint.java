package io.axion.instances.internal.terminal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;

/** Refuses a connection by closing it at once with a code and a reason the client can show. */
final class ClosingEndpoint extends Endpoint {
    private final CloseReason reason;

    ClosingEndpoint(int code, String reason) {
        this.reason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            session.close(reason);
        } catch (IOException e) {
            // the client is gone already
        }
    }
}
