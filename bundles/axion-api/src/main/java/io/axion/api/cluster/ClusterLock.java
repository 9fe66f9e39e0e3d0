package io.axion.api.cluster;

/**
 * A held distributed lock. Its lease bounds how long a dead holder can block others: once the lease runs out
 * the lock is free again even if {@link #close()} never ran.
 */
public interface ClusterLock extends AutoCloseable {
    String name();

    /** Releases the lock if this holder still owns it; harmless when the lease already ran out. */
    @Override
    void close();
}
