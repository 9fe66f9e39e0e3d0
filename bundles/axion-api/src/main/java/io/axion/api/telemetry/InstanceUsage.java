package io.axion.api.telemetry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One instance's usage at one sweep.
 *
 * @param name             the instance
 * @param cpuPercent       CPU over the last period in percent of the instance's limit ({@code limits.cpu} cores,
 *                         the host's threads when unlimited): 100 = the limit is used up; null on the first sample
 * @param cpuPercentOfHost the same CPU in percent of all the host's hardware threads; null on the first sample
 * @param cpuCores         cores busy over the last period (1.5 = one and a half cores); null on the first sample
 * @param cpuLimit         {@code limits.cpu} in cores, null when unlimited
 * @param cpuSeconds       CPU time used since the instance started, in seconds
 * @param memoryBytes      memory in use now (the cgroup's usage, page cache included)
 * @param memoryLimitBytes {@code limits.memory} in bytes, null when unlimited
 * @param at               when it was sampled
 * @param io               disk and network rates over the last period; {@link IoRates#NONE} when not known
 */
public record InstanceUsage(String name, Double cpuPercent, Double cpuPercentOfHost, Double cpuCores,
                            Integer cpuLimit, double cpuSeconds, long memoryBytes, Long memoryLimitBytes,
                            Instant at, IoRates io) {

    public InstanceUsage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        io = io == null ? IoRates.NONE : io;
    }

    /** The usage without disk and network rates (as before they were sampled). */
    public InstanceUsage(String name, Double cpuPercent, Double cpuPercentOfHost, Double cpuCores, Integer cpuLimit,
                         double cpuSeconds, long memoryBytes, Long memoryLimitBytes, Instant at) {
        this(name, cpuPercent, cpuPercentOfHost, cpuCores, cpuLimit, cpuSeconds, memoryBytes, memoryLimitBytes, at,
                IoRates.NONE);
    }

    /**
     * The usage as it travels in a {@code telemetry} event: {@code {name, cpuPercent, cpuPercentOfHost, cpuCores,
     * cpuLimit, cpuSeconds, memoryBytes, memoryLimitBytes, diskReadBytesPerSecond, diskWriteBytesPerSecond,
     * netRxBytesPerSecond, netTxBytesPerSecond}}, percentages rounded to 0.01, seconds to 0.001 and rates to whole bytes
     * to keep frames small; a rate is null when it is not known (first sample, no counters, no network device).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("cpuPercent", round(cpuPercent, 100));
        json.put("cpuPercentOfHost", round(cpuPercentOfHost, 100));
        json.put("cpuCores", round(cpuCores, 1000));
        json.put("cpuLimit", cpuLimit);
        json.put("cpuSeconds", round(cpuSeconds, 1000));
        json.put("memoryBytes", memoryBytes);
        json.put("memoryLimitBytes", memoryLimitBytes);
        json.put("diskReadBytesPerSecond", round(io.diskReadBytesPerSecond(), 1));
        json.put("diskWriteBytesPerSecond", round(io.diskWriteBytesPerSecond(), 1));
        json.put("netRxBytesPerSecond", round(io.netRxBytesPerSecond(), 1));
        json.put("netTxBytesPerSecond", round(io.netTxBytesPerSecond(), 1));
        return json;
    }

    private static Double round(Double value, int scale) {
        return value == null ? null : Math.round(value * scale) / (double) scale;
    }
}
