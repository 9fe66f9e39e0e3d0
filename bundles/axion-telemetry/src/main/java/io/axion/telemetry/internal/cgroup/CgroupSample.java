package io.axion.telemetry.internal.cgroup;

/**
 * Counters read from one cgroup (and the network namespace of its first process).
 *
 * @param cpuNanos       CPU time used by the group since it was created
 * @param memoryBytes    memory in use now; -1 when the memory controller does not account this group
 * @param diskReadBytes  bytes the group read from block devices since it was created; -1 when not accounted
 * @param diskWriteBytes bytes it wrote to block devices; -1 when not accounted
 * @param netRxBytes     bytes its network devices received (loopback left out); -1 when it has none or they cannot
 *                       be read
 * @param netTxBytes     bytes they sent; -1 likewise
 */
public record CgroupSample(long cpuNanos, long memoryBytes, long diskReadBytes, long diskWriteBytes, long netRxBytes,
                           long netTxBytes) {

    /** CPU and memory only. */
    public CgroupSample(long cpuNanos, long memoryBytes) {
        this(cpuNanos, memoryBytes, -1, -1, -1, -1);
    }
}
