package io.axion.api.lxd;

/**
 * An instance's runtime state, one LXD call (100-150 ms): use it for one instance, not for listings.
 *
 * @param pid               the init process's host PID, 0 when stopped
 * @param processes         the number of processes, -1 when unknown
 * @param cpuUsageNanos     CPU time used since start
 * @param memoryUsageBytes  memory in use now
 * @param memoryPeakBytes   the highest memory use seen
 */
public record InstanceState(InstanceStatus status, long pid, long processes, long cpuUsageNanos,
                            long memoryUsageBytes, long memoryPeakBytes) {
}
