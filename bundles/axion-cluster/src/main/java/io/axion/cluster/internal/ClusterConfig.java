package io.axion.cluster.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Axion cluster", description = "The embedded Hazelcast member")
public @interface ClusterConfig {

    @AttributeDefinition(description = "Members of one control plane share this name; others are never joined")
    String clusterName() default "axion";

    @AttributeDefinition(required = false, description = "A secret every member of the cluster shares "
            + "(AXION_CLUSTER_SECRET); a member that does not know it cannot join. Empty: the name alone decides")
    String secret() default "";

    @AttributeDefinition(description = "This node's name; empty means the host name")
    String nodeName() default "";

    @AttributeDefinition(description = "Address the member binds to and announces (never the wildcard)")
    String bindAddress() default "127.0.0.1";

    @AttributeDefinition(description = "Member port (the next free one is taken when busy)")
    int port() default 5701;

    @AttributeDefinition(description = "Comma-separated host[:port] list of members to join over TCP (AXION_CLUSTER_MEMBERS)")
    String members() default "127.0.0.1";

    @AttributeDefinition(description = "A member that sent no heartbeat for this many seconds has left the cluster "
            + "(a killed node's hosts are taken over after it)")
    int failureTimeoutSeconds() default 5;
}
