package io.axion.telemetry.internal.stats;

import io.axion.api.telemetry.InstanceUsage;
import io.axion.api.telemetry.IoRates;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one host's sweep into samples: one per instance, and one for the host that sums its instances (CPU in
 * percent of one core, memory, disk and network rates: what the host's guests use, which is what Axion schedules).
 */
public final class SweepRecorder {
    private SweepRecorder() {
    }

    public static void record(StatsService stats, String host, List<InstanceUsage> usages, long epochSecond) {
        double[] total = new double[Metric.COUNT];
        Arrays.fill(total, Double.NaN);
        double[] values = new double[Metric.COUNT];
        for (InstanceUsage usage : usages) {
            IoRates io = usage.io();
            values[Metric.CPU.ordinal()] = usage.cpuCores() == null ? Double.NaN : usage.cpuCores() * 100;
            values[Metric.MEMORY.ordinal()] = usage.memoryBytes();
            values[Metric.DISK_READ.ordinal()] = value(io.diskReadBytesPerSecond());
            values[Metric.DISK_WRITE.ordinal()] = value(io.diskWriteBytesPerSecond());
            values[Metric.NET_RX.ordinal()] = value(io.netRxBytesPerSecond());
            values[Metric.NET_TX.ordinal()] = value(io.netTxBytesPerSecond());
            stats.record(SeriesKey.instance(usage.name()), epochSecond, values);
            for (int m = 0; m < Metric.COUNT; m++) {
                if (!Double.isNaN(values[m])) {
                    total[m] = Double.isNaN(total[m]) ? values[m] : total[m] + values[m];
                }
            }
        }
        if (host != null) {
            stats.record(SeriesKey.host(host), epochSecond, total);
        }
    }

    private static double value(Double rate) {
        return rate == null ? Double.NaN : rate;
    }
}
