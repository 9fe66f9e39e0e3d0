package io.axion.snapshot.internal;

import io.axion.api.job.JobContext;
import io.axion.api.job.PermanentJobException;
import io.axion.api.lxd.LxdSnapshots;
import io.axion.api.snapshot.SnapshotJobs;

/** What the snapshot handlers share: reading the payload, finding a snapshot. */
final class SnapshotJob {

    private SnapshotJob() {
    }

    static String snapshot(JobContext context) {
        if (context.instance() == null || !(context.payload().get(SnapshotJobs.SNAPSHOT) instanceof String name)) {
            throw new PermanentJobException("A snapshot job needs an instance and a payload {\"snapshot\": name}");
        }
        return name;
    }

    /** Whether the instance has the snapshot; a missing instance fails the job (LXD's 404, permanent). */
    static boolean exists(LxdSnapshots snapshots, String instance, String snapshot) {
        return snapshots.list(instance).stream().anyMatch(s -> s.name().equals(snapshot));
    }
}
