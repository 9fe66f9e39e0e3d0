package io.axion.api.snapshot;

import io.axion.api.job.Job;
import io.axion.api.lxd.SnapshotInfo;
import java.util.List;

/**
 * Snapshots of instances. Every change is a job: the methods check the request (names, existence, collisions)
 * and queue the job; they never wait for LXD to do the work.
 */
public interface SnapshotService {

    /**
     * @throws io.axion.api.error.ValidationException 422 for an invalid instance name
     * @throws io.axion.api.error.NotFoundException   404 for an unknown instance
     */
    List<SnapshotInfo> list(String instance);

    /** @throws io.axion.api.error.ConflictException 409 when the snapshot exists or is already being made */
    Job create(String instance, String snapshot);

    /** Queues a restore: a running instance is stopped, restored and started again. */
    Job restore(String instance, String snapshot);

    Job delete(String instance, String snapshot);
}
