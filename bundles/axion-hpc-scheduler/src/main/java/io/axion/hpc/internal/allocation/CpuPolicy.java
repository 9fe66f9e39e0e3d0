package io.axion.hpc.internal.allocation;

/** {@code cpuPolicy} of a create: cores of its own, or the pool that no dedicated instance holds. */
public enum CpuPolicy {
    SHARED, DEDICATED
}
