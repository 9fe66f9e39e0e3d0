package io.axion.hpc.internal.allocation;

import java.util.Map;

/**
 * What dedicated instances hold on one host.
 *
 * @param cpuOwners CPU id to the instance pinned to it
 * @param gpuOwners GPU PCI address to the instance it is given to
 */
public record Holdings(Map<Integer, String> cpuOwners, Map<String, String> gpuOwners) {

    public static final Holdings NONE = new Holdings(Map.of(), Map.of());

    public Holdings {
        cpuOwners = Map.copyOf(cpuOwners);
        gpuOwners = Map.copyOf(gpuOwners);
    }
}
