package io.axion.jobs.internal;

import java.time.Instant;
import java.util.regex.Pattern;

/** Lines of a job's persisted log: {@code <RFC 3339 time> <message>}, one event per line. */
final class JobLog {
    private static final int MAX_LINE_CHARS = 2_000;
    private static final Pattern NEWLINES = Pattern.compile("[\\r\\n]+");

    private JobLog() {
    }

    static String line(Instant at, String message) {
        String text = message == null ? "" : message;
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = NEWLINES.matcher(text).replaceAll(" ");
        }
        if (text.length() > MAX_LINE_CHARS) {
            text = text.substring(0, MAX_LINE_CHARS) + "…";
        }
        return at + " " + text + "\n";
    }
}
