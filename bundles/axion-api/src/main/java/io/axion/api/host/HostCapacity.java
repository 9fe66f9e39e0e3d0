package io.axion.api.host;

/**
 * A host's ceiling and what is allocated against it.
 *
 * @param cpu       CPU cores (for a physical capacity: the host's cores; for a ceiling: times {@code cpuOvercommit})
 * @param memoryMiB the host's memory (never overcommitted)
 * @param instances how many instances there are (for allocations) or may be (0: no limit, for ceilings)
 */
public record HostCapacity(long cpu, long memoryMiB, int instances) {
    public static final HostCapacity NONE = new HostCapacity(0, 0, 0);

    public HostCapacity plus(HostCapacity other) {
        return new HostCapacity(cpu + other.cpu, memoryMiB + other.memoryMiB, instances + other.instances);
    }
}
