package io.axion.bench.cluster;

import java.util.Arrays;

/** Durations in nanoseconds, read as milliseconds. */
final class Samples {
    private final long[] sorted;

    Samples(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** The nearest-rank percentile, the same rule as the other benches. */
    double percentileMs(int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return ms(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
    }

    /** The middle value; for an even count, the mean of the two middle ones (the creates come in pairs). */
    double medianMs() {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? ms(sorted[middle]) : (ms(sorted[middle - 1]) + ms(sorted[middle])) / 2;
    }

    double maxMs() {
        return ms(sorted[sorted.length - 1]);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
