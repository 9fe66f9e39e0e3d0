package io.axion.telemetry.internal.sampling;

import io.axion.api.telemetry.InstanceUsage;
import io.axion.api.telemetry.IoRates;
import io.axion.telemetry.internal.cgroup.CgroupSample;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns cumulative CPU counters into rates: the CPU used between an instance's two latest samples, over the wall
 * time between them. Confined to the sweeping thread.
 */
final class UsageCalculator {
    private static final double NANOS_PER_SECOND = 1e9;

    private final Map<String, Previous> previous = new HashMap<>();

    /**
     * @param sampledAtNanos {@link System#nanoTime()} when the counters were read; a sample read at the same time as
     *                       the previous one (LXD's API had no newer answer yet) repeats the previous figures
     * @param hostThreads    the host's hardware threads (at least 1)
     */
    InstanceUsage update(InstanceTarget target, long cpuNanos, long memoryBytes, long sampledAtNanos,
                         int hostThreads, Instant at) {
        return update(target, new CgroupSample(cpuNanos, memoryBytes), sampledAtNanos, hostThreads, at);
    }

    /** As above, with the disk and network counters turned into bytes per second too. */
    InstanceUsage update(InstanceTarget target, CgroupSample sample, long sampledAtNanos, int hostThreads,
                         Instant at) {
        long cpuNanos = sample.cpuNanos();
        long memoryBytes = sample.memoryBytes();
        Previous last = previous.get(target.name());
        if (last != null && last.sampledAtNanos == sampledAtNanos) {
            return last.usage;
        }
        Double cores = null;
        if (last != null && cpuNanos >= last.cpuNanos && sampledAtNanos > last.sampledAtNanos) {
            cores = (cpuNanos - last.cpuNanos) / (double) (sampledAtNanos - last.sampledAtNanos);
        }
        // A counter that went down belongs to a new cgroup (the instance restarted): start over.
        IoRates io = IoRates.NONE;
        if (last != null && sampledAtNanos > last.sampledAtNanos) {
            double seconds = (sampledAtNanos - last.sampledAtNanos) / NANOS_PER_SECOND;
            CgroupSample before = last.sample;
            io = new IoRates(rate(before.diskReadBytes(), sample.diskReadBytes(), seconds),
                    rate(before.diskWriteBytes(), sample.diskWriteBytes(), seconds),
                    rate(before.netRxBytes(), sample.netRxBytes(), seconds),
                    rate(before.netTxBytes(), sample.netTxBytes(), seconds));
        }
        int threads = Math.max(1, hostThreads);
        int limit = target.cpuLimit() != null && target.cpuLimit() > 0 ? target.cpuLimit() : threads;
        InstanceUsage usage = new InstanceUsage(target.name(),
                cores == null ? null : cores * 100 / limit,
                cores == null ? null : cores * 100 / threads,
                cores,
                target.cpuLimit(),
                cpuNanos / NANOS_PER_SECOND,
                Math.max(0, memoryBytes),
                target.memoryLimitBytes(),
                at,
                io);
        previous.put(target.name(), new Previous(cpuNanos, sampledAtNanos, usage, sample));
        return usage;
    }

    /** Null when either counter is unknown or it went down (a new cgroup, a device that went away). */
    private static Double rate(long before, long now, double seconds) {
        return before < 0 || now < before ? null : (now - before) / seconds;
    }

    /** Forgets instances that are gone, so that a name used again starts afresh. */
    void retainOnly(Set<String> names) {
        previous.keySet().retainAll(names);
    }

    private record Previous(long cpuNanos, long sampledAtNanos, InstanceUsage usage, CgroupSample sample) {
    }
}
