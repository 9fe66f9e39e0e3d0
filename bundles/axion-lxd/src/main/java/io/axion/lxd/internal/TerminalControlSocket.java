package io.axion.lxd.internal;

import org.eclipse.jetty.websocket.api.Session;

/**
 * The control socket of an interactive exec; Axion only writes to it. LXD drops it without a close frame when
 * the program ends, so its errors are expected and ignored. Public: Jetty invokes listeners reflectively.
 */
public final class TerminalControlSocket implements Session.Listener.AutoDemanding {
    private final TerminalSessionImpl session;

    TerminalControlSocket(TerminalSessionImpl session) {
        this.session = session;
    }

    TerminalSessionImpl session() {
        return session;
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Expected when the program ends: LXD drops this socket without a close frame.
    }
}
