package io.axion.instances.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Strictly increasing stamps for view updates: take one just before reading from LXD, so that the order of stamps
 * is the order in which the reads started. A stamp is the wall clock in microseconds (bumped past the last one), so
 * that the stamps of a host's next owner continue those of the last: nodes' clocks agree well within the seconds a
 * take-over lasts.
 */
final class Stamps {
    private final AtomicLong last = new AtomicLong();

    long next() {
        long now = System.currentTimeMillis() * 1000;
        return last.accumulateAndGet(now, (previous, clock) -> Math.max(previous + 1, clock));
    }
}
