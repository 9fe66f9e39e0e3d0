package io.axion.jobs.internal;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster of one JVM for tests, with real lease semantics: a lock is free once its lease ran out, renewal only
 * works for the holder while the lease lasts. Several "nodes" share one {@link LockTable}.
 */
final class InMemoryClusterService implements ClusterService {
    private final String nodeId;
    private final LockTable table;

    InMemoryClusterService(String nodeId) {
        this(nodeId, new LockTable());
    }

    InMemoryClusterService(String nodeId, LockTable table) {
        this.nodeId = nodeId;
        this.table = table;
    }

    LockTable table() {
        return table;
    }

    @Override
    public String localNodeId() {
        return nodeId;
    }

    @Override
    public List<ClusterMember> members() {
        return List.of(new ClusterMember(nodeId, "127.0.0.1", true));
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) throws InterruptedException {
        return table.tryLock(name, wait, lease);
    }

    static final class LockTable {
        private record Holder(Object token, long expiresAt) {
        }

        private final Map<String, Holder> holders = new HashMap<>();
        final AtomicInteger renewals = new AtomicInteger();

        synchronized Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease)
                throws InterruptedException {
            long deadline = System.currentTimeMillis() + wait.toMillis();
            while (true) {
                long now = System.currentTimeMillis();
                Holder holder = holders.get(name);
                if (holder == null || holder.expiresAt() <= now) {
                    Object token = new Object();
                    holders.put(name, new Holder(token, now + lease.toMillis()));
                    return Optional.of(new Lock(name, token));
                }
                long left = Math.min(deadline, holder.expiresAt()) - now;
                if (deadline <= now) {
                    return Optional.empty();
                }
                wait(Math.max(1, left));
            }
        }

        synchronized boolean isHeld(String name) {
            Holder holder = holders.get(name);
            return holder != null && holder.expiresAt() > System.currentTimeMillis();
        }

        private synchronized boolean renew(String name, Object token, Duration lease) {
            Holder holder = holders.get(name);
            long now = System.currentTimeMillis();
            if (holder == null || holder.token() != token || holder.expiresAt() <= now) {
                return false;
            }
            holders.put(name, new Holder(token, now + lease.toMillis()));
            renewals.incrementAndGet();
            return true;
        }

        private synchronized void release(String name, Object token) {
            Holder holder = holders.get(name);
            if (holder != null && holder.token() == token) {
                holders.remove(name);
                notifyAll();
            }
        }

        private final class Lock implements ClusterLock {
            private final String name;
            private final Object token;

            Lock(String name, Object token) {
                this.name = name;
                this.token = token;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean renew(Duration lease) {
                return LockTable.this.renew(name, token, lease);
            }

            @Override
            public void close() {
                release(name, token);
            }
        }
    }
}
