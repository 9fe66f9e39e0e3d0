package io.axion.instances.internal;

import io.axion.api.cluster.ClusterLock;
import io.axion.testing.InMemoryCluster;
import java.time.Duration;
import java.util.Optional;

/** One member, {@code node-1}; this bundle leaves cluster locks to the job engine, so taking one here fails. */
final class FakeCluster extends InMemoryCluster {
    FakeCluster() {
        super("node-1");
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) {
        throw new UnsupportedOperationException();
    }
}
