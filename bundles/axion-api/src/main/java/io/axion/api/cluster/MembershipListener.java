package io.axion.api.cluster;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when members join and leave, as Hazelcast's failure detector decides (a killed node leaves within its
 * heartbeat timeout). Called on a cluster thread: return quickly.
 */
@ConsumerType
public interface MembershipListener {
    void memberJoined(ClusterMember member);

    void memberLeft(ClusterMember member);
}
