package io.axion.api.cluster;

import java.time.Instant;

/**
 * A member of Axion's control-plane cluster.
 *
 * @param id      Hazelcast's id of the member (new at every start)
 * @param name    the node's name ({@code AXION_NODE_NAME}), stable across restarts
 * @param address where its cluster port listens
 * @param since   when it joined, as this member saw it; null when unknown
 */
public record ClusterMember(String id, String name, String address, boolean local, Instant since) {

    /** A member whose name is its id (single-node tests and tools). */
    public ClusterMember(String id, String address, boolean local) {
        this(id, id, address, local, null);
    }
}
