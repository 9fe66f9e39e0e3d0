package io.axion.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.axion.api.health.Readiness;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Readiness of the cluster membership: the Hazelcast member runs and counts itself among the members it sees. */
@Component(service = HealthCheck.class,
        property = {HealthCheck.NAME + "=" + Readiness.CLUSTER, HealthCheck.TAGS + "=" + Readiness.TAG})
public class ClusterHealthCheck implements HealthCheck {
    private final HazelcastClusterService cluster;

    @Activate
    public ClusterHealthCheck(@Reference HazelcastClusterService cluster) {
        this.cluster = cluster;
    }

    @Override
    public Result execute() {
        HazelcastInstance hazelcast = cluster.hazelcast();
        if (!hazelcast.getLifecycleService().isRunning()) {
            return new Result(Result.Status.CRITICAL, "The Hazelcast member is not running");
        }
        Member local = hazelcast.getCluster().getLocalMember();
        int members = hazelcast.getCluster().getMembers().size();
        if (!hazelcast.getCluster().getMembers().contains(local)) {
            return new Result(Result.Status.CRITICAL, "The Hazelcast member has not joined the cluster");
        }
        return new Result(Result.Status.OK, "Joined, " + members + (members == 1 ? " member" : " members"));
    }
}
