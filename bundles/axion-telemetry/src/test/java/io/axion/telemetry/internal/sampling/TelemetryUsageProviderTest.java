package io.axion.telemetry.internal.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.instance.Usage;
import io.axion.api.telemetry.InstanceUsage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryUsageProviderTest {

    @Test
    void givesTheListPercentOfOneCoreAndMemory() {
        InstanceUsage busy = new InstanceUsage("web", 75.0, 37.5, 1.5, 2, 10, 4096, null, Instant.now());
        InstanceUsage fresh = new InstanceUsage("new", null, null, null, 1, 0.1, 1024, null, Instant.now());
        TelemetryUsageProvider provider = new TelemetryUsageProvider(() -> Map.of("web", busy, "new", fresh));

        assertThat(provider.usage("web")).contains(new Usage(150.0, 4096));
        assertThat(provider.usage("new")).contains(new Usage(0, 1024));
        assertThat(provider.usage("stopped")).isEmpty();
    }
}
