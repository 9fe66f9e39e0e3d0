package io.axion.store.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the scripts of a few folders, each listed on its own and never recursively: a location's dialect
 * sub-folders must not be read as part of the location itself. A script keeps its bare file name as Flyway's
 * relative path, so moving a script between folders changes neither its history entry nor its checksum.
 */
abstract class FolderResourceProvider implements ResourceProvider {
    private final List<String> folders;

    /** @param folders folder paths without leading or trailing slash, such as {@code db/jobs} */
    FolderResourceProvider(List<String> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The files directly inside {@code folder}. */
    abstract List<URL> list(String folder) throws IOException;

    @Override
    public LoadableResource getResource(String name) {
        for (String folder : folders) {
            for (URL url : listed(folder)) {
                if (fileName(url).equals(name)) {
                    return new UrlResource(name, url);
                }
            }
        }
        return null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        for (String folder : folders) {
            for (URL url : listed(folder)) {
                String name = fileName(url);
                if (name.startsWith(prefix) && endsWithAny(name, suffixes)) {
                    found.add(new UrlResource(name, url));
                }
            }
        }
        return found;
    }

    private List<URL> listed(String folder) {
        try {
            return list(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the migrations in " + folder, e);
        }
    }

    static String fileName(URL url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static boolean endsWithAny(String name, String[] suffixes) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
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
