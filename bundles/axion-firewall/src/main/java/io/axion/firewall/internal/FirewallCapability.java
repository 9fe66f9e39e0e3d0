package io.axion.firewall.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that per-instance firewalls are installed. */
@Component(service = Capability.class)
public class FirewallCapability implements Capability {
    @Override
    public String name() {
        return "firewall";
    }
}
