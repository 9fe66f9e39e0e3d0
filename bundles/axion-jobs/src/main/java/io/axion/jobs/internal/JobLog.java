package io.axion.jobs.internal;

import java.time.Instant;

/** Lines of a job's persisted log: {@code <RFC 3339 time> <message>}, one event per line. */
final class JobLog {
    private static final int MAX_LINE_CHARS = 2_000;

    private JobLog() {
    }

    static String line(Instant at, String message) {
        String text = message == null ? "" : message.replaceAll("[\\r\\n]+", " ");
        if (text.length() > MAX_LINE_CHARS) {
            text = text.substring(0, MAX_LINE_CHARS) + "…";
        }
        return at + " " + text + "\n";
    }
}
