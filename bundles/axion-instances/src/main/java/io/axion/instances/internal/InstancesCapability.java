package io.axion.instances.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that instances can be managed. */
@Component(service = Capability.class)
public class InstancesCapability implements Capability {
    @Override
    public String name() {
        return "instances";
    }
}
