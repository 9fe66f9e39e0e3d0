package io.axion.hpc.internal.allocation;

/** {@code numa} of a create: how a dedicated instance's cores relate to NUMA nodes. */
public enum NumaPolicy {
    /** Anywhere. */
    NONE,
    /** One node when one fits, else spread. */
    PREFERRED,
    /** One node, or refused. */
    STRICT
}
