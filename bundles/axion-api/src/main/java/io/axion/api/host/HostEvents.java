package io.axion.api.host;

/**
 * Types of the {@code cluster} event channel ({@link io.axion.api.event.EventChannels#CLUSTER}): a node joined or
 * left, a host changed owner or state, a host was added or removed. Data: {@code {node}} for node events, the
 * host's {@link Host#toJson()} for host events.
 */
public final class HostEvents {
    public static final String NODE_JOINED = "node-joined";
    public static final String NODE_LEFT = "node-left";
    public static final String HOST_UPDATED = "host-updated";
    public static final String HOST_REMOVED = "host-removed";

    private HostEvents() {
    }
}
