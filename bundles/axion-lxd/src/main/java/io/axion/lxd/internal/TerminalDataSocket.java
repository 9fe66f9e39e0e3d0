package io.axion.lxd.internal;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.nio.ByteBuffer;

/** The fd-0 socket of an interactive exec. Public: Jetty invokes listeners reflectively. */
public final class TerminalDataSocket implements Session.Listener.AutoDemanding {
    private final TerminalSessionImpl session;

    TerminalDataSocket(TerminalSessionImpl session) {
        this.session = session;
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        session.output(payload);
        callback.succeed();
    }

    @Override
    public void onWebSocketText(String message) {
        if (message.isEmpty()) {
            session.endOfOutput();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        session.failed(cause);
    }
}
