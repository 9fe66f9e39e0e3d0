package io.axion.api.placement;

import io.axion.api.host.HostCapacity;
import java.util.Objects;

/**
 * A host as placement sees it at the moment of the decision.
 *
 * @param online    whether its owner reaches its LXD now (an offline host should not be chosen)
 * @param capacity  its ceiling
 * @param allocated what instances and pending reservations hold on it
 */
public record HostCandidate(String name, boolean online, HostCapacity capacity, HostCapacity allocated) {

    public HostCandidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(allocated, "allocated");
    }

    public long freeCpu() {
        return capacity.cpu() - allocated.cpu();
    }

    public long freeMemoryMiB() {
        return capacity.memoryMiB() - allocated.memoryMiB();
    }

    /** Whether the request's cores and memory fit in what is free. */
    public boolean fits(PlacementRequest request) {
        return freeCpu() >= request.cpu() && freeMemoryMiB() >= request.memoryMiB();
    }
}
