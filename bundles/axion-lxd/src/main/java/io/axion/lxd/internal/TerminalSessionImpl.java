package io.axion.lxd.internal;

import io.axion.api.lxd.TerminalListener;
import io.axion.api.lxd.TerminalSession;
import io.axion.api.lxd.TerminalSize;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An interactive exec: keystrokes go as binary frames on LXD's fd-0 socket, resizes and signals as JSON text on
 * its control socket. LXD marks the end of output with an empty text frame on fd 0; the exit code comes from the
 * operation.
 */
final class TerminalSessionImpl implements TerminalSession {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalSessionImpl.class);
    private static final int SIGHUP = 1;

    private final TerminalListener listener;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final AtomicBoolean exitReported = new AtomicBoolean();
    private volatile Session data;
    private volatile Session control;

    TerminalSessionImpl(TerminalListener listener) {
        this.listener = listener;
    }

    void attach(Session data, Session control) {
        this.data = data;
        this.control = control;
    }

    @Override
    public void write(byte[] bytes) {
        Session socket = data;
        if (socket != null && socket.isOpen()) {
            socket.sendBinary(ByteBuffer.wrap(bytes.clone()), Callback.NOOP);
        }
    }

    @Override
    public void resize(TerminalSize size) {
        sendControl("{\"command\":\"window-resize\",\"args\":{\"width\":\"" + size.cols() + "\",\"height\":\""
                + size.rows() + "\"}}");
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    @Override
    public void close() {
        if (!exitCode.isDone()) {
            sendControl("{\"command\":\"signal\",\"signal\":" + SIGHUP + "}");
        }
        closeSocket(data);
        closeSocket(control);
    }

    void output(ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        try {
            listener.onOutput(bytes);
        } catch (RuntimeException e) {
            LOG.warn("Terminal listener failed on output", e);
        }
    }

    /** LXD's end-of-output marker: close fd 0 ourselves (LXD drops control without a close frame). */
    void endOfOutput() {
        closeSocket(data);
    }

    void failed(Throwable error) {
        try {
            listener.onError(error);
        } catch (RuntimeException e) {
            LOG.warn("Terminal listener failed on error", e);
        }
    }

    void exited(int code) {
        if (exitReported.compareAndSet(false, true)) {
            closeSocket(data);
            closeSocket(control);
            try {
                listener.onExit(code);
            } catch (RuntimeException e) {
                LOG.warn("Terminal listener failed on exit", e);
            }
            exitCode.complete(code);
        }
    }

    private void sendControl(String json) {
        Session socket = control;
        if (socket != null && socket.isOpen()) {
            socket.sendText(json, Callback.NOOP);
        }
    }

    private static void closeSocket(Session socket) {
        if (socket != null && socket.isOpen()) {
            socket.close();
        }
    }
}
