package io.axion.lxd.internal;

import org.eclipse.jetty.websocket.api.Session;

import java.util.concurrent.CountDownLatch;

/**
 * The WebSocket listener for LXD's event stream. It leaves pings to Jetty (which answers with pongs; overriding
 * {@code onWebSocketPing} would stop that and LXD would drop the socket). Public: Jetty calls it reflectively.
 */
public final class EventSocket implements Session.Listener.AutoDemanding {
    private final LxdEventStream stream;
    private final CountDownLatch closed = new CountDownLatch(1);

    EventSocket(LxdEventStream stream) {
        this.stream = stream;
    }

    @Override
    public void onWebSocketText(String message) {
        stream.onMessage(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
        closed.countDown();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.countDown();
    }

    void awaitClosed() throws InterruptedException {
        closed.await();
    }
}
