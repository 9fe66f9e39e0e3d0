package io.axion.telemetry.internal.stats;

import io.axion.api.error.AxionException;
import io.axion.api.error.ValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code from} and {@code to} of a stats request: RFC 3339 times, or relative to now such as {@code -1h},
 * {@code -30m}, {@code -7d} (units s, m, h, d, w, y) or {@code now}. {@code from} defaults to an hour ago and
 * {@code to} to now. Unreadable times are 400, a window that ends before it starts is 422.
 */
public record StatsWindow(Instant from, Instant to) {
    private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,9})([smhdwy])");

    public static StatsWindow parse(String from, String to, Instant now) {
        Instant end = blank(to) ? now : instant("to", to, now);
        Instant start = blank(from) ? end.minusSeconds(3600) : instant("from", from, now);
        if (!start.isBefore(end)) {
            throw new ValidationException("from", "must be before to (" + end + ")");
        }
        return new StatsWindow(start, end);
    }

    private static Instant instant(String field, String text, Instant now) {
        String value = text.trim();
        if (value.equals("now")) {
            return now;
        }
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            long unit = switch (relative.group(2)) {
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3_600;
                case "d" -> 86_400;
                case "w" -> 604_800;
                default -> 31_536_000;
            };
            // at most a century back: far enough for any tier, and no overflow
            return now.minusSeconds(Math.min(amount * unit, 100L * 31_536_000));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new AxionException(400, "bad-request", "Bad request", field + ": '" + text
                    + "' is neither an RFC 3339 time nor relative like -1h, -7d or now");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
