package io.axion.hpc.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console the HPC scheduler is installed: it shows the Gangs, Queue and Core map pages. */
@Component(service = Capability.class)
public class HpcCapability implements Capability {
    @Override
    public String name() {
        return "hpc";
    }
}
