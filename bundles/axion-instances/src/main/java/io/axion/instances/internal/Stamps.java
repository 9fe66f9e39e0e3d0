package io.axion.instances.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Strictly increasing stamps for view updates: take one just before reading from LXD, so that the order of stamps
 * is the order in which the reads started.
 */
final class Stamps {
    private final AtomicLong last = new AtomicLong();

    long next() {
        return last.incrementAndGet();
    }
}
