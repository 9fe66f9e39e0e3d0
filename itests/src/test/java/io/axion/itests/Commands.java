package io.axion.itests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command of this machine ({@code lxc}, {@code scripts/cluster.sh}) for an itest and returns its output. */
final class Commands {
    private Commands() {
    }

    static String run(List<String> command) {
        return run(command, Map.of(), Duration.ofSeconds(120));
    }

    /** @throws IllegalStateException naming the command and its output when it fails or outlives {@code timeout} */
    static String run(List<String> command, Map<String, String> environment, Duration timeout) {
        // stdin from /dev/null: `lxc init`/`launch` read an instance config from a stdin that is not a terminal,
        // and would wait for it forever on an open pipe.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
