package io.axion.store.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;

/**
 * Lists migration scripts from a bundle's own entries. Flyway's class-path scanning cannot enumerate a bundle's
 * folders reliably, but {@link Bundle#findEntries} can.
 */
final class BundleResourceProvider implements ResourceProvider {
    private final Bundle bundle;
    private final String location;

    BundleResourceProvider(Bundle bundle, String location) {
        this.bundle = bundle;
        this.location = location.startsWith("/") ? location : "/" + location;
    }

    @Override
    public LoadableResource getResource(String name) {
        URL entry = bundle.getEntry(location + "/" + name);
        return entry == null ? null : new UrlResource(name, entry);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries(location, prefix + "*", false);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            for (String suffix : suffixes) {
                if (name.endsWith(suffix)) {
                    found.add(new UrlResource(name, url));
                    break;
                }
            }
        }
        return found;
    }

    private static final class UrlResource extends LoadableResource {
        private final String name;
        private final URL url;

        UrlResource(String name, URL url) {
            this.name = name;
            this.url = url;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migration " + url, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return url.toString();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toString();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
