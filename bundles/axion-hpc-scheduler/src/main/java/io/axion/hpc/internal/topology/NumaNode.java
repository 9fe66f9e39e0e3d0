package io.axion.hpc.internal.topology;

/** A NUMA node and its memory. */
public record NumaNode(int id, long memoryBytes) {
}
