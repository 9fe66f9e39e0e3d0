package io.axion.api.lxd;

import java.util.List;

/** Snapshots of instances. Methods block until LXD has finished. */
public interface LxdSnapshots {

    List<SnapshotInfo> list(String instance);

    /** @throws LxdAlreadyExistsException when the instance already has a snapshot of that name */
    SnapshotInfo create(String instance, String snapshot, boolean stateful);

    /** Restores the instance to the snapshot (LXD refuses while the instance runs: stop it first). */
    void restore(String instance, String snapshot);

    void delete(String instance, String snapshot);
}
