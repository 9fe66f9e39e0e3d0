package io.axion.api.cluster;

/** A member of Axion's control-plane cluster. */
public record ClusterMember(String id, String address, boolean local) {
}
