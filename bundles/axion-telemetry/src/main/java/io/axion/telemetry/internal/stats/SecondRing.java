package io.axion.telemetry.internal.stats;

import java.util.ArrayList;
import java.util.List;

/** The last 10 minutes of 1 s samples of one series, in memory only. Not thread-safe: its series guards it. */
final class SecondRing {
    private final int capacity = Tier.SECOND.capacity();
    private final long[] times = new long[capacity];
    private final float[] values = new float[capacity * Metric.COUNT];
    private int next;
    private int size;

    void add(long epochSecond, double[] sample) {
        if (size > 0 && times[(next - 1 + capacity) % capacity] == epochSecond) {
            next = (next - 1 + capacity) % capacity; // two sweeps in one second: the later one wins
            size--;
        }
        times[next] = epochSecond;
        for (int m = 0; m < Metric.COUNT; m++) {
            values[next * Metric.COUNT + m] = (float) sample[m];
        }
        next = (next + 1) % capacity;
        size = Math.min(capacity, size + 1);
    }

    /** Samples of {@code metric} with {@code from <= t < to} and {@code t >= oldest}, oldest first. */
    List<StatsPoint> points(Metric metric, long from, long to, long oldest) {
        List<StatsPoint> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int index = (next - size + i + capacity) % capacity;
            long t = times[index];
            float v = values[index * Metric.COUNT + metric.ordinal()];
            if (t >= from && t < to && t >= oldest && !Float.isNaN(v)) {
                points.add(new StatsPoint(t, v, v, v));
            }
        }
        return points;
    }

    /** Samples held (at most 600). */
    int size() {
        return size;
    }

    long oldest() {
        return size == 0 ? Long.MAX_VALUE : times[(next - size + capacity) % capacity];
    }
}
