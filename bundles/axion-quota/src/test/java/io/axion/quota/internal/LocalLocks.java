package io.axion.quota.internal;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Cluster members in one JVM: leased locks in a shared table (put-if-absent, like the Hazelcast implementation)
 * and shared maps; members made over the same {@link Table} see each other. Counts lock acquisitions.
 */
final class LocalLocks implements ClusterService {
    static final class Table {
        final ConcurrentMap<String, String> locks = new ConcurrentHashMap<>();
        final ConcurrentMap<String, ConcurrentMap<String, String>> maps = new ConcurrentHashMap<>();
    }

    private final String node;
    private final Table table;

    LocalLocks(String node, Table table) {
        this.node = node;
        this.table = table;
    }

    @Override
    public String localNodeId() {
        return node;
    }

    @Override
    public List<ClusterMember> members() {
        return List.of(new ClusterMember(node, "127.0.0.1", true));
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) throws InterruptedException {
        String token = node + "/" + UUID.randomUUID();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (table.locks.putIfAbsent(name, token) == null) {
                return Optional.of(new ClusterLock() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public boolean renew(Duration lease) {
                        return token.equals(table.locks.get(name));
                    }

                    @Override
                    public void close() {
                        table.locks.remove(name, token);
                    }
                });
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    @Override
    public ConcurrentMap<String, String> sharedMap(String name) {
        return table.maps.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
    }
}
