package io.axion.api.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Membership and distributed locks of the control plane. */
public interface ClusterService {

    /** This member's stable id (also the {@code node} of jobs and instances it handles). */
    String localNodeId();

    List<ClusterMember> members();

    /**
     * Tries to take the named lock, waiting at most {@code wait}.
     *
     * @param lease how long the lock stays held if its holder dies without releasing it
     * @return the held lock, or empty when another holder kept it for the whole wait
     */
    Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) throws InterruptedException;
}
