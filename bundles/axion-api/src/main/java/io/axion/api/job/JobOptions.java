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
 */
public record JobOptions(int maxAttempts, String idempotencyKey, Duration delay) {

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
        return new JobOptions(0, null, Duration.ZERO);
    }

    public JobOptions withMaxAttempts(int attempts) {
        return new JobOptions(attempts, idempotencyKey, delay);
    }

    public JobOptions withIdempotencyKey(String key) {
        return new JobOptions(maxAttempts, key, delay);
    }

    public JobOptions withDelay(Duration wait) {
        return new JobOptions(maxAttempts, idempotencyKey, wait);
    }
}
