package io.axion.telemetry.internal.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job engine's durations and failures, observed from its {@code jobs} events ({@code job.toJson()}). Every node
 * sees every node's job events, so each counts only the jobs it ran ({@code node} is its own): scraping every node
 * then counts each job once. A job reported finished twice (a replayed event) is observed once.
 */
final class JobMetrics {
    /** From a quick state change to a long image import or backup. */
    private static final double[] BUCKETS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800};
    private static final int REMEMBERED = 10_000;

    private final Histogram durations;
    private final Counter failures;
    private final String node;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    JobMetrics(PrometheusRegistry registry, String node) {
        this.node = node;
        durations = Histogram.builder().name(MetricNames.JOB_DURATION)
                .help("How long finished jobs ran, from start to end, by type and final state")
                .labelNames("type", "state", MetricNames.LABEL_NODE).classicOnly().classicUpperBounds(BUCKETS)
                .register(registry);
        failures = Counter.builder().name(MetricNames.JOB_FAILURES)
                .help("Jobs that failed for good (every attempt used), by type")
                .labelNames("type", MetricNames.LABEL_NODE).register(registry);
    }

    void onJob(Map<String, Object> job) {
        Object state = job.get("state");
        if (!"COMPLETED".equals(state) && !"FAILED".equals(state) || !node.equals(job.get("node"))) {
            return;
        }
        String id = String.valueOf(job.get("id"));
        synchronized (seen) {
            if (seen.put(id, Boolean.TRUE) != null) {
                return;
            }
        }
        String type = String.valueOf(job.get("type"));
        Duration ran = between(job.get("startedAt"), job.get("finishedAt"));
        if (ran != null) {
            durations.labelValues(type, (String) state, node).observe(ran.toNanos() / 1e9);
        }
        if ("FAILED".equals(state)) {
            failures.labelValues(type, node).inc();
        }
    }

    private static Duration between(Object started, Object finished) {
        if (!(started instanceof String from) || !(finished instanceof String to)) {
            return null;
        }
        try {
            Duration ran = Duration.between(Instant.parse(from), Instant.parse(to));
            return ran.isNegative() ? Duration.ZERO : ran;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
