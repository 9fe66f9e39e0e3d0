package io.axion.api.telemetry;

/**
 * The telemetry bundle's events on channel {@link io.axion.api.event.EventChannels#TELEMETRY}: once per sweep (every
 * second) and per node, one event of type {@link #USAGE} with data
 * {@code {node, seq, intervalMs, hostCpuThreads, instances: [InstanceUsage.toJson(), ...]}}; {@code seq} counts the
 * node's sweeps, so a gap shows that frames were dropped.
 */
public final class TelemetryEvents {
    public static final String USAGE = "usage";

    private TelemetryEvents() {
    }
}
