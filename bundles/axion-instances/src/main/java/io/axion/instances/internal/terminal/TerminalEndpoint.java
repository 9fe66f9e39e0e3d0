package io.axion.instances.internal.terminal;

import io.axion.api.error.AxionException;
import io.axion.api.lxd.ExecRequest;
import io.axion.api.lxd.LxdExec;
import io.axion.api.lxd.TerminalListener;
import io.axion.api.lxd.TerminalSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One web terminal: a login shell with a pty in the instance (bash when the image has it, else sh), its output as
 * binary frames, keystrokes from binary frames (and from text frames that are not resize messages). The socket
 * closes with 1000 when the shell exits; closing the socket hangs the shell up.
 */
final class TerminalEndpoint extends Endpoint {
    static final int NOT_FOUND = 4404;
    private static final Logger LOG = LoggerFactory.getLogger(TerminalEndpoint.class);
    /** A failed {@code exec} would end a non-interactive sh, hence the test before it. */
    static final List<String> SHELL = List.of("/bin/sh", "-c",
            "if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi");
    private static final int MAX_REASON_BYTES = 120;

    private final TerminalRoute route;
    private final LxdExec exec;
    private final String user;
    private final String instance;
    private final Map<String, String> query;
    private volatile TerminalSession terminal;
    private volatile TerminalOutput output;
    private volatile Session session;

    TerminalEndpoint(TerminalRoute route, LxdExec exec, String user, String instance, Map<String, String> query) {
        this.route = route;
        this.exec = exec;
        this.user = user;
        this.instance = instance;
        this.query = query;
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        session = opened;
        opened.setMaxIdleTimeout(route.idleTimeoutMillis());
        output = new TerminalOutput(opened, route.backlogBytes());
        try {
            terminal = exec.openTerminal(instance, new ExecRequest(SHELL, Map.of(), null, null, null),
                    TerminalMessages.initialSize(query), new Listener());
        } catch (AxionException e) {
            output.close(closeReason(4000 + e.status(), e.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.warn("Opening a terminal in {} for {} failed", instance, user, e);
            output.close(closeReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "terminal failed"));
            return;
        }
        LOG.info("{} opened a terminal in {}", user, instance);
        opened.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::onBinary);
        opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
        route.opened(this);
    }

    @Override
    public void onClose(Session closed, CloseReason closeReason) {
        route.closed(this);
        TerminalSession running = terminal;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void onError(Session failed, Throwable error) {
        LOG.debug("Terminal of {} in {} failed: {}", user, instance, error.toString());
    }

    /** A ping, unless output is waiting (a Jakarta ping blocks until written, behind the output). */
    boolean pingDue() {
        TerminalOutput out = output;
        Session open = session;
        return out != null && out.idle() && open != null && open.isOpen();
    }

    void ping() {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(new byte[] {'a', 'x'}));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("Ping to the terminal of {} failed: {}", user, e.getMessage());
        }
    }

    private void onBinary(ByteBuffer bytes) {
        byte[] keys = new byte[bytes.remaining()];
        bytes.get(keys);
        terminal.write(keys);
    }

    private void onText(String text) {
        TerminalMessages.resize(text).ifPresentOrElse(terminal::resize,
                () -> terminal.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    static CloseReason closeReason(int code, String reason) {
        byte[] bytes = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        String text = reason == null ? "" : reason;
        if (bytes.length > MAX_REASON_BYTES) {
            // Close frames carry at most 123 bytes of reason.
            text = new String(bytes, 0, MAX_REASON_BYTES, StandardCharsets.UTF_8).replaceAll("[^\\x20-\\x7e]+$", "");
        }
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), text);
    }

    private final class Listener implements TerminalListener {
        @Override
        public void onOutput(byte[] bytes) {
            output.send(bytes);
        }

        @Override
        public void onExit(int exitCode) {
            output.closeWhenDrained(closeReason(CloseReason.CloseCodes.NORMAL_CLOSURE.getCode(),
                    "exited with " + exitCode));
        }

        @Override
        public void onError(Throwable error) {
            LOG.debug("Terminal in {} broke: {}", instance, error.toString());
        }
    }
}
