package io.axion.api.cluster;

/**
 * A held distributed lock. Its lease bounds how long a dead holder can block others: once the lease runs out
 * the lock is free again even if {@link #close()} never ran.
 */
public interface ClusterLock extends AutoCloseable {
    String name();

    /**
     * Pushes the lease out to {@code lease} from now, for work that runs longer than its first lease.
     *
     * @return false when this holder no longer owns the lock (its lease ran out and someone else may hold it)
     */
    boolean extend(java.time.Duration lease);

    /** Releases the lock if this holder still owns it; harmless when the lease already ran out. */
    @Override
    void close();
}
