package io.axion.telemetry.internal.stats;

import io.axion.api.telemetry.InstanceUsage;
import io.axion.api.telemetry.IoRates;
import io.axion.api.tenant.TenantService;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns one host's sweep into samples: one per instance, one for the host that sums its instances (CPU in percent
 * of one core, memory, disk and network rates: what the host's guests use, which is what Axion schedules), and one
 * per tenant on the host that sums that tenant's instances there: a tenant's host and cluster statistics show its
 * own load, never its neighbours'.
 */
public final class SweepRecorder {
    private SweepRecorder() {
    }

    /** As {@link #record(StatsService, String, List, long, Function)} without tenants (no instance view). */
    public static void record(StatsService stats, String host, List<InstanceUsage> usages, long epochSecond) {
        record(stats, host, usages, epochSecond, null);
    }

    /**
     * @param tenantOf the tenant of an instance (null for {@code default}); null records no tenant series
     */
    public static void record(StatsService stats, String host, List<InstanceUsage> usages, long epochSecond,
                              Function<String, String> tenantOf) {
        double[] total = empty();
        Map<String, double[]> byTenant = new TreeMap<>();
        for (InstanceUsage usage : usages) {
            IoRates io = usage.io();
            double[] values = new double[Metric.COUNT];
            values[Metric.CPU.ordinal()] = usage.cpuCores() == null ? Double.NaN : usage.cpuCores() * 100;
            values[Metric.MEMORY.ordinal()] = usage.memoryBytes();
            values[Metric.DISK_READ.ordinal()] = value(io.diskReadBytesPerSecond());
            values[Metric.DISK_WRITE.ordinal()] = value(io.diskWriteBytesPerSecond());
            values[Metric.NET_RX.ordinal()] = value(io.netRxBytesPerSecond());
            values[Metric.NET_TX.ordinal()] = value(io.netTxBytesPerSecond());
            stats.record(SeriesKey.instance(usage.name()), epochSecond, values);
            add(total, values);
            if (host != null && tenantOf != null) {
                String tenant = tenantOf.apply(usage.name());
                add(byTenant.computeIfAbsent(tenant == null ? TenantService.DEFAULT : tenant, t -> empty()), values);
            }
        }
        if (host != null) {
            stats.record(SeriesKey.host(host), epochSecond, total);
            byTenant.forEach((tenant, sums) -> stats.record(SeriesKey.tenantOnHost(tenant, host), epochSecond, sums));
        }
    }

    private static double[] empty() {
        double[] values = new double[Metric.COUNT];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    private static void add(double[] total, double[] values) {
        for (int m = 0; m < Metric.COUNT; m++) {
            if (!Double.isNaN(values[m])) {
                total[m] = Double.isNaN(total[m]) ? values[m] : total[m] + values[m];
            }
        }
    }

    private static double value(Double rate) {
        return rate == null ? Double.NaN : rate;
    }
}
