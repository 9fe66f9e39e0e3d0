package io.axion.telemetry.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that live usage, /ws/events and /metrics are installed. */
@Component(service = Capability.class)
public class TelemetryCapability implements Capability {
    @Override
    public String name() {
        return "telemetry";
    }
}
