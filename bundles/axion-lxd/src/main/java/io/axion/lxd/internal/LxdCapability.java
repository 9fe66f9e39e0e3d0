package io.axion.lxd.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that this feature is installed. */
@Component(service = Capability.class)
public class LxdCapability implements Capability {
    @Override
    public String name() {
        return "lxd";
    }
}
