package io.axion.api.cluster;

import java.time.Duration;

/**
 * A held distributed lock. It is free again as soon as its holder leaves the cluster (the failure detector says
 * so), and its lease bounds how long a holder that stopped renewing can block others: once the lease runs out the
 * lock is free again even if {@link #close()} never ran.
 * <p>
 * {@link #renew} and {@link #close} may be called from any thread, not only the one that took the lock: the job
 * engine renews the locks of long jobs from a timer thread.
 */
public interface ClusterLock extends AutoCloseable {
    String name();

    /**
     * Extends the lease to {@code lease} from now, if this holder still owns the lock.
     *
     * @return {@code true} when the lock is still held with the new lease; {@code false} when it was lost (its lease
     *         ran out and someone else may hold it), in which case the caller may try to take it again
     */
    boolean renew(Duration lease);

    /** Releases the lock if this holder still owns it; harmless when the lease already ran out. */
    @Override
    void close();
}
