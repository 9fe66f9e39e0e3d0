package io.axion.api.job;

import java.time.Duration;

/**
 * How to run a job.
 *
 * @param maxAttempts    attempts before a job with transient failures is given up; {@code 0} means the engine's
 *                       configured default
 * @param idempotencyKey when set, enqueueing again with the same key returns the first job instead of a new one
 * @param delay          how long to wait before the first attempt; {@code null} or zero runs it as soon as possible.
 *                       Jobs of the same instance enqueued after it wait behind it, as they would behind a retry
 * @param host           the host the job acts on: only the node that owns that host runs it; {@code null} for a
 *                       job any node may run
 */
public record JobOptions(int maxAttempts, String idempotencyKey, Duration delay, String host) {

    public JobOptions(int maxAttempts, String idempotencyKey, Duration delay) {
        this(maxAttempts, idempotencyKey, delay, null);
    }

    public JobOptions {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be positive, or 0 for the default");
        }
        delay = delay == null ? Duration.ZERO : delay;
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
    }

    public static JobOptions defaults() {
        return new JobOptions(0, null, Duration.ZERO, null);
    }

    public JobOptions withMaxAttempts(int attempts) {
        return new JobOptions(attempts, idempotencyKey, delay, host);
    }

    public JobOptions withIdempotencyKey(String key) {
        return new JobOptions(maxAttempts, key, delay, host);
    }

    public JobOptions withDelay(Duration wait) {
        return new JobOptions(maxAttempts, idempotencyKey, wait, host);
    }

    /** The same options for a job that acts on {@code hostName} (run by that host's owner). */
    public static JobOptions onHost(String hostName) {
        return new JobOptions(0, null, Duration.ZERO, hostName);
    }

    public JobOptions withHost(String hostName) {
        return new JobOptions(maxAttempts, idempotencyKey, delay, hostName);
    }
}
