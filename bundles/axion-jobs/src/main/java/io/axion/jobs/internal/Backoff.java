package io.axion.jobs.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: {@code initial × 2^(attempt-1)}, capped, then spread by ±jitter so that jobs that
 * failed together (LXD went away) do not all come back in the same millisecond. With jitter below 1/3 every delay
 * is longer than the one before, until the cap.
 */
final class Backoff {
    private Backoff() {
    }

    static Duration delay(int attempt, Duration initial, Duration max, double jitter) {
        return delay(attempt, initial, max, jitter, ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform in [0, 1) */
    static Duration delay(int attempt, Duration initial, Duration max, double jitter, double random) {
        double exponential = initial.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(max.toMillis(), exponential);
        double spread = capped * (1 + jitter * (2 * random - 1));
        return Duration.ofMillis(Math.max(0, Math.round(spread)));
    }
}
