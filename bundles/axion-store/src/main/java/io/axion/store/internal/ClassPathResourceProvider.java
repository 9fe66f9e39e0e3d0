package io.axion.store.internal;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists migration scripts on a plain class path (tests, benchmarks, tools outside OSGi): the folder in every
 * directory and jar that has it, one level deep.
 */
final class ClassPathResourceProvider extends FolderResourceProvider {
    private final ClassLoader classLoader;

    ClassPathResourceProvider(ClassLoader classLoader, List<String> folders) {
        super(folders);
        this.classLoader = classLoader;
    }

    @Override
    List<URL> list(String folder) throws IOException {
        List<URL> files = new ArrayList<>();
        Enumeration<URL> roots = classLoader.getResources(folder);
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            switch (root.getProtocol()) {
                case "file" -> listDirectory(root, files);
                case "jar" -> listJar(root, folder, files);
                default -> throw new IOException("Cannot list migrations at " + root);
            }
        }
        return files;
    }

    private static void listDirectory(URL root, List<URL> files) throws IOException {
        Path directory;
        try {
            directory = Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Not a folder: " + root, e);
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries.filter(Files::isRegularFile).sorted()::iterator) {
                files.add(entry.toUri().toURL());
            }
        }
    }

    private static void listJar(URL root, String folder, List<URL> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String jarUrl = connection.getJarFileURL().toString();
        String prefix = folder + "/";
        try (JarFile jar = connection.getJarFile()) {
            List<String> names = jar.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.startsWith(prefix) && name.length() > prefix.length()
                            && name.indexOf('/', prefix.length()) < 0)
                    .sorted()
                    .toList();
            for (String name : names) {
                files.add(URI.create("jar:" + jarUrl + "!/" + name).toURL());
            }
        }
    }
}
