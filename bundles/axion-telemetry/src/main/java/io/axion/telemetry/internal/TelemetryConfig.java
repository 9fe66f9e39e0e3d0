package io.axion.telemetry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The telemetry bundle's settings (PID {@code io.axion.telemetry}, shared by its components); {@code
 * etc/io.axion.telemetry.cfg} layers AXION_TELEMETRY_* environment variables on top.
 */
@ObjectClassDefinition(name = "Axion telemetry", description = "Live usage sampling, /ws/events and /metrics")
public @interface TelemetryConfig {

    @AttributeDefinition(description = "Milliseconds between two sweeps over the instances")
    long intervalMs() default 1000;

    @AttributeDefinition(description = "Where the host's cgroups are mounted")
    String cgroupRoot() default "/sys/fs/cgroup";

    @AttributeDefinition(description = "cgroup layout: auto, v1 or v2")
    String cgroupVersion() default "auto";

    @AttributeDefinition(description = "Where usage comes from: auto (cgroups; LXD's state API only when no running "
            + "instance has a cgroup on this host, as with a remote LXD), cgroup, or lxd")
    String source() default "auto";

    @AttributeDefinition(description = "Seconds between two full instance listings (lifecycle events also refresh it)")
    int listRefreshSeconds() default 10;

    @AttributeDefinition(description = "Concurrent LXD state calls when usage comes from LXD's API")
    int lxdParallelism() default 4;

    @AttributeDefinition(description = "/ws/events: job and instance events queued per client before it is closed")
    int eventsQueueCapacity() default 1000;

    @AttributeDefinition(description = "/ws/events: telemetry frames queued per client before older ones are dropped")
    int eventsTelemetryBacklog() default 2;

    @AttributeDefinition(description = "/ws/events: seconds between two pings to each client")
    int pingSeconds() default 10;

    @AttributeDefinition(description = "/ws/events: seconds a client may leave a frame or a ping unanswered before "
            + "it is closed as stalled")
    int stallSeconds() default 30;
}
