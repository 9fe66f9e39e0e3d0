package io.axion.api.lxd;

import java.util.concurrent.CompletableFuture;

/** A running interactive program with a pseudo-terminal inside an instance (the web terminal's backend). */
public interface TerminalSession extends AutoCloseable {

    /** Sends keystrokes (raw terminal bytes). */
    void write(byte[] bytes);

    void resize(TerminalSize size);

    /** Completes with the exit code once the program has ended (-1 when LXD did not report one). */
    CompletableFuture<Integer> exitCode();

    /** Hangs the program up (SIGHUP) and releases the session; harmless when already ended. */
    @Override
    void close();
}
