package io.axion.api.snapshot;

/**
 * The job types of snapshots. Their payload is {@code {"snapshot": "<name>"}}; the job's instance is the
 * instance the snapshot belongs to.
 */
public final class SnapshotJobs {
    public static final String CREATE = "snapshot.create";
    /** Stops a running instance, restores it and starts it again. */
    public static final String RESTORE = "snapshot.restore";
    public static final String DELETE = "snapshot.delete";

    /** The payload key naming the snapshot. */
    public static final String SNAPSHOT = "snapshot";

    private SnapshotJobs() {
    }
}
