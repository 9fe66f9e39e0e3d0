package io.axion.telemetry.internal.events;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Sends a frame's text to one client. Jakarta's {@code sendText(String)} makes Jetty encode the string to UTF-8 for
 * every session: with 200 clients and a 150 KiB telemetry frame per second that was most of the fan-out's time. Jetty's
 * core session takes the bytes {@link EventFrame} encoded once, each client reading its own view of them. A session
 * that is not Jetty's (a test's) gets {@code sendText}.
 */
abstract class FrameSender {

    /** Sends the frame; {@code done} is called once with the outcome, possibly before this returns. */
    abstract void send(EventFrame frame, Consumer<SendResult> done);

    static FrameSender of(Session session) {
        CoreSession core = coreSession(session);
        return core == null ? new JakartaSender(session) : new CoreSender(core);
    }

    /** Jetty's {@code JakartaWebSocketSession.getCoreSession()}, looked up so that the bundle imports no ee10 class. */
    private static CoreSession coreSession(Session session) {
        try {
            Object core = session.getClass().getMethod("getCoreSession").invoke(session);
            return core instanceof CoreSession coreSession ? coreSession : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static final class CoreSender extends FrameSender {
        private final CoreSession core;

        CoreSender(CoreSession core) {
            this.core = core;
        }

        @Override
        void send(EventFrame frame, Consumer<SendResult> done) {
            ByteBuffer payload = frame.utf8().slice(); // each client's own position over the shared bytes
            Frame text = new Frame(OpCode.TEXT, true, payload);
            core.sendFrame(text, Callback.from(() -> done.accept(new SendResult()),
                    failure -> done.accept(new SendResult(failure))), false);
        }
    }

    private static final class JakartaSender extends FrameSender {
        private final Session session;

        JakartaSender(Session session) {
            this.session = session;
        }

        @Override
        void send(EventFrame frame, Consumer<SendResult> done) {
            session.getAsyncRemote().sendText(frame.text(), done::accept);
        }
    }
}
