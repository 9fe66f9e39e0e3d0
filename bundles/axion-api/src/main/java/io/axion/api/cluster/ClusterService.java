package io.axion.api.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/** Membership and distributed locks of the control plane. */
public interface ClusterService {

    /** This member's stable name (also the {@code node} of jobs and instances it handles). */
    String localNodeId();

    List<ClusterMember> members();

    /**
     * Tries to take the named lock, waiting at most {@code wait}.
     *
     * @param lease how long the lock stays held if its holder dies without releasing it
     * @return the held lock, or empty when another holder kept it for the whole wait
     */
    Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) throws InterruptedException;

    /**
     * A map of strings that every member sees (a Hazelcast {@code IMap} in the cluster bundle); its atomic
     * operations ({@code putIfAbsent}, {@code replace}, {@code remove(key, value)}) are atomic cluster-wide. Keep
     * values small. Entries live until removed or until the whole cluster stops.
     *
     * @throws UnsupportedOperationException when this implementation has none (a caller may then fall back to a
     *                                       local map, which is right for a single member)
     */
    default ConcurrentMap<String, String> sharedMap(String name) {
        throw new UnsupportedOperationException("This cluster service offers no shared maps");
    }

    /**
     * Listens to every change of the shared map {@code name}, from any member, until the handle is closed. Changes
     * made before the call are not replayed: read the map after subscribing to catch up.
     */
    default AutoCloseable listen(String name, SharedMapListener listener) {
        throw new UnsupportedOperationException("This cluster service offers no shared map listeners");
    }

    /** Listens to members joining and leaving until the handle is closed. */
    default AutoCloseable listen(MembershipListener listener) {
        throw new UnsupportedOperationException("This cluster service offers no membership listeners");
    }
}
