package io.axion.api.lxd;

/** Receives an interactive session's output; called on a driver thread, in order. Return quickly. */
public interface TerminalListener {

    /** Bytes the program wrote to its terminal (owned by the listener from now on). */
    void onOutput(byte[] bytes);

    /** The program ended; called once. {@code exitCode} is -1 when LXD did not report one. */
    void onExit(int exitCode);

    /** The session broke before the program ended (e.g. LXD went away); {@link #onExit} still follows. */
    default void onError(Throwable error) {
    }
}
