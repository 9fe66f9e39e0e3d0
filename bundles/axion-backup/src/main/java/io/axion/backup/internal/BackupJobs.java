package io.axion.backup.internal;

/** Job types of this bundle and their payload keys. */
final class BackupJobs {
    static final String CREATE = "backup.create";
    static final String RESTORE = "backup.restore";
    static final String SCHEDULED_SNAPSHOT = "backup.scheduled-snapshot";

    private BackupJobs() {
    }

    /** Payload of {@link #CREATE}. */
    record CreatePayload(String backupId, String target, boolean scheduled, int keep, long tickEpochSecond) {
    }

    /** Payload of {@link #RESTORE}: {@code name} null restores over the original. */
    record RestorePayload(String backupId, String name) {
    }

    /** Payload of {@link #SCHEDULED_SNAPSHOT}. */
    record SnapshotPayload(long tickEpochSecond, String expiry, int keep) {
    }
}
