package io.axion.store.internal;

import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * Lists migration scripts from a bundle's own entries. Flyway's class-path scanning cannot enumerate a bundle's
 * folders reliably, but {@link Bundle#findEntries} can.
 */
final class BundleResourceProvider extends FolderResourceProvider {
    private final Bundle bundle;

    BundleResourceProvider(Bundle bundle, List<String> folders) {
        super(folders);
        this.bundle = bundle;
    }

    @Override
    List<URL> list(String folder) {
        List<URL> files = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries("/" + folder, "*", false);
        while (entries != null && entries.hasMoreElements()) {
            URL entry = entries.nextElement();
            if (!entry.getPath().endsWith("/")) {
                files.add(entry);
            }
        }
        return files;
    }
}
