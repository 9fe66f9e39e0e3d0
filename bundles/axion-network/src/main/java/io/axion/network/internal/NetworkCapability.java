package io.axion.network.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that port forwards are installed. */
@Component(service = Capability.class)
public class NetworkCapability implements Capability {
    @Override
    public String name() {
        return "network";
    }
}
