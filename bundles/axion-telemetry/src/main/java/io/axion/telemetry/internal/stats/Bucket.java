package io.axion.telemetry.internal.stats;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The open bucket of one series in one tier: min, sum, max and count per metric of the 1 s samples that fell in it.
 * Each metric counts on its own, since a figure can be unknown in some samples (NaN: a first sample, no network
 * device). Not thread-safe: its series guards it.
 */
final class Bucket {
    /** Three float32 (min, avg, max) per metric: 72 bytes per stored bucket. */
    static final int ENCODED_BYTES = Metric.COUNT * 3 * Float.BYTES;

    private final double[] min = new double[Metric.COUNT];
    private final double[] sum = new double[Metric.COUNT];
    private final double[] max = new double[Metric.COUNT];
    private final int[] count = new int[Metric.COUNT];
    private long start = Long.MIN_VALUE;
    private int samples;

    long start() {
        return start;
    }

    boolean isEmpty() {
        return samples == 0;
    }

    void reset(long newStart) {
        start = newStart;
        samples = 0;
        Arrays.fill(count, 0);
        Arrays.fill(sum, 0);
    }

    void add(double[] values) {
        samples++;
        for (int m = 0; m < Metric.COUNT; m++) {
            double v = values[m];
            if (Double.isNaN(v)) {
                continue;
            }
            if (count[m] == 0) {
                min[m] = v;
                max[m] = v;
            } else {
                min[m] = Math.min(min[m], v);
                max[m] = Math.max(max[m], v);
            }
            sum[m] += v;
            count[m]++;
        }
    }

    /** min, avg and max of each metric as float32, NaN for a metric without a sample. */
    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(ENCODED_BYTES);
        for (int m = 0; m < Metric.COUNT; m++) {
            boolean known = count[m] > 0;
            out.putFloat(known ? (float) min[m] : Float.NaN);
            out.putFloat(known ? (float) (sum[m] / count[m]) : Float.NaN);
            out.putFloat(known ? (float) max[m] : Float.NaN);
        }
        return out.array();
    }

    /** The point of one metric, or null when it had no sample. */
    StatsPoint point(Metric metric) {
        int m = metric.ordinal();
        return count[m] == 0 ? null : new StatsPoint(start, min[m], sum[m] / count[m], max[m]);
    }

    /** The point of one metric in an encoded bucket, or null when it had no sample. */
    static StatsPoint decode(long start, byte[] data, Metric metric) {
        if (data == null || data.length < ENCODED_BYTES) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        int offset = metric.ordinal() * 3 * Float.BYTES;
        float avg = in.getFloat(offset + Float.BYTES);
        return Float.isNaN(avg) ? null
                : new StatsPoint(start, in.getFloat(offset), avg, in.getFloat(offset + 2 * Float.BYTES));
    }
}
