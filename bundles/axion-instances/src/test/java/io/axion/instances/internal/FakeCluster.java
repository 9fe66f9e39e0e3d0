package io.axion.instances.internal;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One member whose shared maps are plain concurrent maps (locks are not used by this bundle). */
final class FakeCluster implements ClusterService {
    private final Map<String, ConcurrentMap<String, String>> maps;

    FakeCluster() {
        this(new ConcurrentHashMap<>());
    }

    /** Members built over the same maps see each other's entries, like Hazelcast members. */
    FakeCluster(Map<String, ConcurrentMap<String, String>> maps) {
        this.maps = maps;
    }

    @Override
    public String localNodeId() {
        return "node-1";
    }

    @Override
    public List<ClusterMember> members() {
        return List.of(new ClusterMember("node-1", "127.0.0.1", true));
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ConcurrentMap<String, String> sharedMap(String name) {
        return maps.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
    }
}
