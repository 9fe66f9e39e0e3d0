package io.axion.bench.jobs;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A one-member cluster with leased locks, so the benchmark measures the engine and not Hazelcast. */
final class LocalClusterService implements ClusterService {
    private record Holder(Object token, long expiresAt) {
    }

    private final Map<String, Holder> locks = new ConcurrentHashMap<>();

    @Override
    public String localNodeId() {
        return "bench";
    }

    @Override
    public List<ClusterMember> members() {
        return List.of(new ClusterMember("bench", "127.0.0.1", true));
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) {
        Object token = new Object();
        Holder mine = new Holder(token, System.currentTimeMillis() + lease.toMillis());
        Holder after = locks.compute(name, (k, held) ->
                held == null || held.expiresAt() <= System.currentTimeMillis() ? mine : held);
        if (after != mine) {
            return Optional.empty();
        }
        return Optional.of(new ClusterLock() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean renew(Duration newLease) {
                Holder renewed = new Holder(token, System.currentTimeMillis() + newLease.toMillis());
                return locks.computeIfPresent(name, (k, held) -> held.token() == token ? renewed : held) == renewed;
            }

            @Override
            public void close() {
                locks.computeIfPresent(name, (k, held) -> held.token() == token ? null : held);
            }
        });
    }
}
