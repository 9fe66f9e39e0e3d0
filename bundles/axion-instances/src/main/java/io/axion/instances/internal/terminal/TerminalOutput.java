package io.axion.instances.internal.terminal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The program's output towards the browser: sent asynchronously in order (Jetty queues frames in the order they
 * are given), with the bytes not yet written counted, so that a client that stops reading is closed instead of
 * piling up memory. A close after the program exits waits until everything before it was written.
 */
final class TerminalOutput {
    /** Close code for a client that leaves too much output unread. */
    static final int TOO_SLOW = 4008;

    private final Session session;
    private final long backlogLimit;
    private final AtomicLong unwritten = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile CloseReason closeWhenDrained;

    TerminalOutput(Session session, long backlogLimit) {
        this.session = session;
        this.backlogLimit = backlogLimit;
    }

    void send(byte[] bytes) {
        if (closing.get() || bytes.length == 0) {
            return;
        }
        if (unwritten.addAndGet(bytes.length) > backlogLimit) {
            close(new CloseReason(CloseReason.CloseCodes.getCloseCode(TOO_SLOW),
                    "too slow: more than " + backlogLimit + " bytes of output unread"));
            return;
        }
        try {
            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes), result -> written(bytes.length));
        } catch (RuntimeException e) {
            close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "sending failed"));
        }
    }

    /** Closes once the output sent so far is written (at once when it already is). */
    void closeWhenDrained(CloseReason reason) {
        closeWhenDrained = reason;
        if (unwritten.get() == 0) {
            close(reason);
        }
    }

    /** Nothing waits to be written (a ping will not sit behind output). */
    boolean idle() {
        return unwritten.get() == 0;
    }

    void close(CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            // already closed
        }
    }

    private void written(int length) {
        if (unwritten.addAndGet(-length) == 0) {
            CloseReason pending = closeWhenDrained;
            if (pending != null) {
                close(pending);
            }
        }
    }
}
