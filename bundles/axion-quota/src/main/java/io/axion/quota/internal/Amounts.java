package io.axion.quota.internal;

/**
 * CPU cores and memory MiB, the two quantities the global limits and the hosts' ceilings count, and root disk GiB,
 * which only tenants' quotas limit (the hosts publish no disk capacity to hold a global figure against).
 */
record Amounts(long cpu, long memoryMiB, long diskGiB) {
    static final Amounts ZERO = new Amounts(0, 0, 0);

    /** Figures without a disk. */
    Amounts(long cpu, long memoryMiB) {
        this(cpu, memoryMiB, 0);
    }

    Amounts plus(Amounts other) {
        return new Amounts(cpu + other.cpu, memoryMiB + other.memoryMiB, diskGiB + other.diskGiB);
    }

    /** Per quantity, the larger of the two. */
    Amounts max(Amounts other) {
        return new Amounts(Math.max(cpu, other.cpu), Math.max(memoryMiB, other.memoryMiB),
                Math.max(diskGiB, other.diskGiB));
    }
}
