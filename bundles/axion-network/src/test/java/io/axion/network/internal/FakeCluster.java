package io.axion.network.internal;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory locks, without leases: enough for one JVM. */
final class FakeCluster implements ClusterService {
    final Set<String> held = ConcurrentHashMap.newKeySet();
    final List<String> taken = new CopyOnWriteArrayList<>();

    @Override
    public String localNodeId() {
        return "node-a";
    }

    @Override
    public List<ClusterMember> members() {
        return List.of();
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!held.add(name)) {
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        taken.add(name);
        return Optional.of(new ClusterLock() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean renew(Duration newLease) {
                return true;
            }

            @Override
            public void close() {
                held.remove(name);
            }
        });
    }
}
