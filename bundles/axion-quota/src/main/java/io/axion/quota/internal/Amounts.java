package io.axion.quota.internal;

/** CPU cores and memory MiB, the two quantities the governor counts. */
record Amounts(long cpu, long memoryMiB) {
    static final Amounts ZERO = new Amounts(0, 0);

    Amounts plus(Amounts other) {
        return new Amounts(cpu + other.cpu, memoryMiB + other.memoryMiB);
    }

    /** Per quantity, the larger of the two. */
    Amounts max(Amounts other) {
        return new Amounts(Math.max(cpu, other.cpu), Math.max(memoryMiB, other.memoryMiB));
    }
}
