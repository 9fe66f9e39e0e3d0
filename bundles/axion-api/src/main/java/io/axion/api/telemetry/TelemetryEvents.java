package io.axion.api.telemetry;

/**
 * The telemetry bundle's events on channel {@link io.axion.api.event.EventChannels#TELEMETRY}: once per sweep (every
 * second) and per host, by the node that owns the host, one event of type {@link #USAGE} with data
 * {@code {node, host, seq, intervalMs, hostCpuThreads, instances: [InstanceUsage.toJson(), ...]}}; {@code seq}
 * counts the host's sweeps on that node, so a gap shows that frames were dropped.
 */
public final class TelemetryEvents {
    public static final String USAGE = "usage";

    private TelemetryEvents() {
    }
}
