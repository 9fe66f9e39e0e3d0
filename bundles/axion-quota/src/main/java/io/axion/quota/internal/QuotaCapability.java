package io.axion.quota.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that the quota governor is installed. */
@Component(service = Capability.class)
public class QuotaCapability implements Capability {
    @Override
    public String name() {
        return "quota";
    }
}
