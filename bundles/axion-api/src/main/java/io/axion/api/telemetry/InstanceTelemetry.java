package io.axion.api.telemetry;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The latest sweep's figures for the running instances of every host (this node's own sweeps for the hosts it owns,
 * the other nodes' published ones for theirs); answered from memory, never from LXD.
 */
@ProviderType
public interface InstanceTelemetry {

    /** Every instance sampled by the latest sweep, by name (stopped instances are absent). */
    Map<String, InstanceUsage> latest();

    /** One instance's latest figures; empty when it is not running here or not sampled yet. */
    default Optional<InstanceUsage> latest(String instance) {
        return Optional.ofNullable(latest().get(instance));
    }
}
