package io.axion.snapshot.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that snapshots are installed. */
@Component(service = Capability.class)
public class SnapshotCapability implements Capability {
    @Override
    public String name() {
        return "snapshot";
    }
}
