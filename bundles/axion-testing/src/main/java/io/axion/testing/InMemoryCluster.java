package io.axion.testing;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import io.axion.api.cluster.MembershipListener;
import io.axion.api.cluster.SharedMapListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A member of a control-plane cluster that lives in one JVM: its locks have real leases (free again once the lease
 * ran out, renewable only by their holder while it lasts) and its shared maps are concurrent maps, as the Hazelcast
 * bundle promises. Members made over the same {@link Table} are one cluster and see each other's locks and maps.
 */
public class InMemoryCluster implements ClusterService {
    private final String nodeId;
    private final Table table;

    /** The only member of a cluster of its own. */
    public InMemoryCluster(String nodeId) {
        this(nodeId, new Table());
    }

    /** A member of the cluster whose state {@code table} holds. */
    public InMemoryCluster(String nodeId, Table table) {
        this.nodeId = nodeId;
        this.table = table;
        table.join(nodeId);
    }

    /** The state every member of this cluster shares, for a test to look at. */
    public Table table() {
        return table;
    }

    @Override
    public String localNodeId() {
        return nodeId;
    }

    @Override
    public List<ClusterMember> members() {
        return table.members().stream().map(id -> new ClusterMember(id, "127.0.0.1", id.equals(nodeId))).toList();
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) throws InterruptedException {
        return table.tryLock(name, nodeId, wait, lease);
    }

    @Override
    public ConcurrentMap<String, String> sharedMap(String name) {
        return table.map(name);
    }

    @Override
    public AutoCloseable listen(String name, SharedMapListener listener) {
        return table.map(name).listen(listener);
    }

    @Override
    public AutoCloseable listen(MembershipListener listener) {
        table.membershipListeners.add(listener);
        return () -> table.membershipListeners.remove(listener);
    }

    /** This member leaves the cluster, as a killed node does once the failure detector notices. */
    public void leave() {
        table.leave(nodeId);
    }

    /** The locks, shared maps and members of one cluster. */
    public static final class Table {
        private record Holder(Object token, String node, long expiresAt) {
        }

        private final Map<String, Holder> holders = new HashMap<>();
        private final List<String> taken = new ArrayList<>();
        private final Set<String> members = new LinkedHashSet<>();
        private final ConcurrentMap<String, ObservedMap> maps = new ConcurrentHashMap<>();
        private final CopyOnWriteArrayList<MembershipListener> membershipListeners = new CopyOnWriteArrayList<>();
        private int renewals;

        private void join(String nodeId) {
            synchronized (this) {
                if (!members.add(nodeId)) {
                    return;
                }
            }
            membershipListeners.forEach(l -> l.memberJoined(new ClusterMember(nodeId, "127.0.0.1", false)));
        }

        private void leave(String nodeId) {
            synchronized (this) {
                if (!members.remove(nodeId)) {
                    return;
                }
                notifyAll();
            }
            membershipListeners.forEach(l -> l.memberLeft(new ClusterMember(nodeId, "127.0.0.1", false)));
        }

        private ObservedMap map(String name) {
            return maps.computeIfAbsent(name, n -> new ObservedMap());
        }

        private synchronized List<String> members() {
            return List.copyOf(members);
        }

        private synchronized Optional<ClusterLock> tryLock(String name, String node, Duration wait, Duration lease)
                throws InterruptedException {
            long deadline = System.currentTimeMillis() + wait.toMillis();
            while (true) {
                long now = System.currentTimeMillis();
                Holder holder = holders.get(name);
                // A lock whose holder left the cluster is free, as with Hazelcast.
                if (holder == null || holder.expiresAt() <= now || !members.contains(holder.node())) {
                    Object token = new Object();
                    holders.put(name, new Holder(token, node, now + lease.toMillis()));
                    taken.add(name);
                    return Optional.of(new Lock(name, token));
                }
                long left = Math.min(deadline, holder.expiresAt()) - now;
                if (deadline <= now) {
                    return Optional.empty();
                }
                wait(Math.max(1, left));
            }
        }

        /** Whether someone holds the lock now (its lease has not run out). */
        public synchronized boolean isHeld(String name) {
            Holder holder = holders.get(name);
            return holder != null && holder.expiresAt() > System.currentTimeMillis() && members.contains(holder.node());
        }

        /** The names of the locks someone holds now, sorted. */
        public synchronized Set<String> held() {
            long now = System.currentTimeMillis();
            Set<String> held = new TreeSet<>();
            holders.forEach((name, holder) -> {
                if (holder.expiresAt() > now) {
                    held.add(name);
                }
            });
            return held;
        }

        /** The names of the locks taken so far, in the order they were taken (a name again for each time). */
        public synchronized List<String> taken() {
            return List.copyOf(taken);
        }

        /** How many renewals succeeded so far. */
        public synchronized int renewals() {
            return renewals;
        }

        /** Forgets every shared map, as a restart of the whole cluster does (locks are left alone). */
        public void clearMaps() {
            maps.clear();
        }

        private synchronized boolean renew(String name, Object token, Duration lease) {
            Holder holder = holders.get(name);
            long now = System.currentTimeMillis();
            if (holder == null || holder.token() != token || holder.expiresAt() <= now) {
                return false;
            }
            holders.put(name, new Holder(token, holder.node(), now + lease.toMillis()));
            renewals++;
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
                return Table.this.renew(name, token, lease);
            }

            @Override
            public void close() {
                release(name, token);
            }
        }
    }
}
