package io.axion.files.internal;

import io.axion.api.web.Capability;
import org.osgi.service.component.annotations.Component;

/** Tells the console that file browsing is installed. */
@Component(service = Capability.class)
public class FilesCapability implements Capability {
    @Override
    public String name() {
        return "files";
    }
}
