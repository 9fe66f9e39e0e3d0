package io.axion.api.quota;

/**
 * CPU and memory held for one instance's pending create or resize. Use it in try-with-resources around enqueueing
 * the job: {@link #commit()} once the job is queued; if the block ends without a commit, {@link #close()} gives the
 * reservation back. A committed reservation counts until {@link QuotaService#release} or {@link QuotaService#settle}.
 */
public interface Reservation extends AutoCloseable {

    String instance();

    /** The instance's whole CPU limit once the change is done (not the difference). */
    int cpu();

    /** The instance's whole memory limit once the change is done (not the difference). */
    long memoryMiB();

    /** Keeps the reservation after {@link #close()}: its job was queued. */
    void commit();

    /** Releases the reservation unless it was committed. */
    @Override
    void close();
}
