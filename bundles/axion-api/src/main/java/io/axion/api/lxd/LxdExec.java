package io.axion.api.lxd;

import java.time.Duration;

/** Running commands inside an instance. */
public interface LxdExec {

    /**
     * Runs a command to its end and returns its exit code and output.
     *
     * @param timeout how long to wait (null for the configured default); on expiry the command is cancelled and
     *                {@link LxdTimeoutException} thrown
     */
    ExecResult run(String instance, ExecRequest request, Duration timeout);

    /**
     * Starts an interactive program with a pseudo-terminal (e.g. {@code /bin/sh -l}); output goes to the
     * listener until {@link TerminalListener#onExit}.
     */
    TerminalSession openTerminal(String instance, ExecRequest request, TerminalSize size, TerminalListener listener);
}
