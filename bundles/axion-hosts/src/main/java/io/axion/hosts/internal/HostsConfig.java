package io.axion.hosts.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the hosts bundle (PID {@code io.axion.hosts}); etc/io.axion.hosts.cfg layers AXION_* on top. */
@ObjectClassDefinition(name = "Axion hosts", description = "The cluster's LXD hosts and their ownership")
public @interface HostsConfig {
    String PID = "io.axion.hosts";

    @AttributeDefinition(required = false, description = "The hosts this node brings at its first boot "
            + "(AXION_HOSTS): comma-separated NAME=ENDPOINT, where ENDPOINT is unix:/path/to/socket or "
            + "https://host:8443, optionally followed by ?project=NAME. Empty: the LXD of io.axion.lxd, named "
            + "after this node")
    String hosts() default "";

    @AttributeDefinition(description = "How often ownership is checked besides membership events, milliseconds")
    int sweepMillis() default 1000;

    @AttributeDefinition(description = "A host goes back to its home node once that node has been up this long, "
            + "seconds (so that a restarting node is not handed work while it still starts)")
    int handBackSeconds() default 10;

    @AttributeDefinition(description = "How often the owner of a host publishes its state and capacity, seconds")
    int statusSeconds() default 2;

    @AttributeDefinition(required = false, description = "This node's HTTP base URL as clients reach it "
            + "(AXION_PUBLIC_URL), e.g. http://127.0.0.1:8082; published to the other nodes so that a client can "
            + "fail over to them. Empty: made from the web server's host and port (io.axion.web), none when it "
            + "listens on every interface")
    String publicUrl() default "";
}
