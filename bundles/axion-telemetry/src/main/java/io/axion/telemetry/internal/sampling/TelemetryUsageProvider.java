package io.axion.telemetry.internal.sampling;

import io.axion.api.instance.Usage;
import io.axion.api.instance.UsageProvider;
import io.axion.api.telemetry.InstanceTelemetry;
import io.axion.api.telemetry.InstanceUsage;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Live usage for the instance list ({@code GET /api/v1/instances}): the latest sweep's figures, from memory. The
 * list's {@code cpuPercent} is in percent of one core (200 = two cores busy), unlike the telemetry event's, which is
 * in percent of the instance's limit.
 */
@Component(service = UsageProvider.class)
public class TelemetryUsageProvider implements UsageProvider {

    @Reference
    private InstanceTelemetry telemetry;

    public TelemetryUsageProvider() {
    }

    TelemetryUsageProvider(InstanceTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public Optional<Usage> usage(String instance) {
        return telemetry.latest(instance).map(TelemetryUsageProvider::of);
    }

    static Usage of(InstanceUsage usage) {
        double cores = usage.cpuCores() == null ? 0 : usage.cpuCores();
        return new Usage(Math.round(cores * 10_000) / 100.0, usage.memoryBytes());
    }
}
