package io.axion.itests;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A test tool run from an itest (the console's Playwright flows, the API fuzzer): its output echoed line by line into
 * the test log under a prefix, so that a slow run shows where it is, and kept for the failure message; killed with
 * its children when it outlives its deadline.
 *
 * @param finished whether it ended before the deadline
 * @param exitCode its exit code (meaningless when it did not finish)
 * @param output   everything it printed
 * @param seconds  how long it ran
 */
record ToolRun(boolean finished, int exitCode, String output, long seconds) {

    static ToolRun run(ProcessBuilder builder, Duration deadline, String prefix) throws IOException,
            InterruptedException {
        long started = System.nanoTime();
        Process process = builder.redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        StringBuilder output = new StringBuilder();
        Thread pump = new Thread(() -> copy(process.getInputStream(), output, prefix), prefix + "-output");
        pump.start();
        boolean finished = process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        String log;
        synchronized (output) {
            log = output.toString();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        return new ToolRun(finished, finished ? process.exitValue() : -1, log, seconds);
    }

    private static void copy(InputStream in, StringBuilder into, String prefix) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[" + prefix + "] " + line);
                synchronized (into) {
                    into.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
