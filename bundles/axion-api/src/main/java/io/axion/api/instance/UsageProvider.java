package io.axion.api.instance;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Current CPU and memory use per instance, implemented by the telemetry bundle (cgroups for a local LXD). The
 * instances bundle binds it optionally and dynamically; without it every instance shows {@link Usage#NONE}.
 * Called on every list request for every instance: answer from memory, never from LXD.
 */
@ConsumerType
public interface UsageProvider {

    /** The latest sample of the instance, or empty when none (stopped, unknown, not sampled yet). */
    Optional<Usage> usage(String instance);
}
