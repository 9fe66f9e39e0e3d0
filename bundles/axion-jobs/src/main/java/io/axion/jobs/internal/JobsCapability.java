package io.axion.jobs.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that the job engine is installed. */
@Component(service = Capability.class)
public class JobsCapability implements Capability {
    @Override
    public String name() {
        return "jobs";
    }
}
