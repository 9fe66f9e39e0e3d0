package io.axion.jobs.internal;

import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import io.axion.jobs.internal.JobRepository.Row;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Whose jobs this engine runs: those of the hosts its node owns now (the host service tells it, through the
 * component's host agent) and those that name no host. And which leases are void: a lease is its lessee's promise
 * to renew it, so a lease held by a node that has left the cluster, or by an earlier run of this node, protects
 * nothing even before it runs out.
 */
final class HostShare {
    private final Set<String> hosts = ConcurrentHashMap.newKeySet();
    private final ClusterService cluster;
    private final String node;
    private final String leaseOwner;

    HostShare(ClusterService cluster, String node, String leaseOwner) {
        this.cluster = cluster;
        this.node = node;
        this.leaseOwner = leaseOwner;
    }

    boolean runs(String host) {
        return host == null || hosts.contains(host);
    }

    boolean add(String host) {
        return hosts.add(host);
    }

    boolean remove(String host) {
        return hosts.remove(host);
    }

    Set<String> hosts() {
        return Set.copyOf(hosts);
    }

    /** Whether the worker of an IN_PROGRESS job is gone, so that the job may run again. */
    boolean lost(Row row, long now) {
        if (row.leaseExpiresAt() < now || row.leaseOwner() == null) {
            return true;
        }
        if (leaseOwner.equals(row.leaseOwner())) {
            return false;
        }
        String lessee = lesseeNode(row.leaseOwner());
        return lessee.equals(node) || !liveNodes().contains(lessee);
    }

    /** A lease owner is {@code <node>/<run id>}. */
    static String lesseeNode(String owner) {
        int slash = owner.lastIndexOf('/');
        return slash < 0 ? owner : owner.substring(0, slash);
    }

    private Set<String> liveNodes() {
        try {
            return cluster.members().stream().map(ClusterMember::name).collect(Collectors.toSet());
        } catch (RuntimeException e) {
            // The cluster is stopping or starting: trust only the leases' times meanwhile.
            return Set.of(node);
        }
    }
}
