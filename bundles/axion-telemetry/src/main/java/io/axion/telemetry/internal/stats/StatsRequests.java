package io.axion.telemetry.internal.stats;

import io.axion.api.error.AxionException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What the three stats routes share: reading {@code metric}, {@code from}, {@code to}, {@code format}, answering. */
final class StatsRequests {
    static final String CSV = "text/csv";

    private StatsRequests() {
    }

    /** A query that a window and a metric complete, e.g. one series's or the cluster's. */
    interface Query {
        StatsAnswer run(Metric metric, Instant from, Instant to);
    }

    static Response answer(String metricName, String from, String to, String format, HttpHeaders headers,
                           Instant now, Query query) {
        Metric metric = metric(metricName);
        boolean csv = csv(format, headers);
        StatsWindow window = StatsWindow.parse(from, to, now);
        StatsAnswer answer = query.run(metric, window.from(), window.to());
        return csv ? Response.ok(answer.toCsv(), CSV).build()
                : Response.ok(answer.toJson(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Metric metric(String name) {
        return Metric.parse(name).orElseThrow(() -> new AxionException(400, "bad-request", "Bad request",
                "metric: '" + name + "' is not one of " + Arrays.stream(Metric.values()).map(Metric::apiName)
                        .collect(Collectors.joining(", "))));
    }

    /** {@code format} wins; without it, CSV when the caller prefers {@code text/csv} to JSON. */
    private static boolean csv(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new AxionException(400, "bad-request", "Bad request",
                        "format: '" + format + "' is not json or csv");
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

}
