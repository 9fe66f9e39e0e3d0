package io.axion.api.event;

import java.util.Set;

/** The channels of {@code /ws/events} (shared/API.md). */
public final class EventChannels {
    /** CPU and memory per instance, once a second. */
    public static final String TELEMETRY = "telemetry";
    /** Every job state change. */
    public static final String JOBS = "jobs";
    /** LXD lifecycle events and instance view changes. */
    public static final String INSTANCES = "instances";

    /** Nodes joining and leaving, hosts changing owner or state ({@link io.axion.api.host.HostEvents}). */
    public static final String CLUSTER = "cluster";

    public static final Set<String> ALL = Set.of(TELEMETRY, JOBS, INSTANCES, CLUSTER);

    private EventChannels() {
    }
}
