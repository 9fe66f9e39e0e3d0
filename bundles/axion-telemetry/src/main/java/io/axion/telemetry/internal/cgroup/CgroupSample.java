package io.axion.telemetry.internal.cgroup;

/**
 * Counters read from one cgroup.
 *
 * @param cpuNanos    CPU time used by the group since it was created
 * @param memoryBytes memory in use now; -1 when the memory controller does not account this group
 */
public record CgroupSample(long cpuNanos, long memoryBytes) {
}
