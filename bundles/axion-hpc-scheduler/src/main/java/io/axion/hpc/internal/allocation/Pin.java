package io.axion.hpc.internal.allocation;

import java.util.List;

/**
 * What the allocator chose on one host.
 *
 * @param cpus     real CPU ids: the dedicated cores, or for a shared instance the pool no dedicated instance holds
 * @param gpus     PCI addresses of the GPUs it is given
 * @param numaNode the one node its dedicated cores come from, or null when they span nodes (or it is shared)
 */
public record Pin(String host, List<Integer> cpus, List<String> gpus, Integer numaNode, boolean dedicated) {

    public Pin {
        cpus = List.copyOf(cpus);
        gpus = List.copyOf(gpus);
    }

    public String cpuSet() {
        return CpuSet.format(cpus);
    }
}
