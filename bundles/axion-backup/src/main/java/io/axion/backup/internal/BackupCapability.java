package io.axion.backup.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that backups and schedules are installed. */
@Component(service = Capability.class)
public class BackupCapability implements Capability {
    @Override
    public String name() {
        return "backup";
    }
}
