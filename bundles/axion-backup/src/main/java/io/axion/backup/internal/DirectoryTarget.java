package io.axion.backup.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.stream.Stream;

/** Archives as {@code <directory>/<id>.tar.gz}, on local disk or a mounted share. */
final class DirectoryTarget implements BackupTarget {
    static final String NAME = "directory";
    private static final String SUFFIX = ".tar.gz";
    private final Path directory;

    DirectoryTarget(Path directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String store(String id, Path staged) throws IOException {
        Files.createDirectories(directory);
        Path partial = directory.resolve(id + SUFFIX + ".partial");
        Files.move(staged, partial, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true); // on disk before the rename makes it visible under its final name
        }
        Path archive = directory.resolve(id + SUFFIX);
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return archive.getFileName().toString();
    }

    @Override
    public void fetch(String location, Path into) throws IOException {
        Files.copy(resolve(location), into, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(String location) throws IOException {
        Files.deleteIfExists(resolve(location));
    }

    @Override
    public boolean verify(String location, String sha256) throws IOException {
        Path archive = resolve(location);
        return Files.isRegularFile(archive) && Checksums.sha256(archive).equals(sha256);
    }

    @Override
    public void removeLeftovers(Set<String> known) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".partial") || (name.endsWith(SUFFIX) && !known.contains(name))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Locations are bare file names: nothing from the store can point outside the directory. */
    private Path resolve(String location) {
        Path archive = directory.resolve(location).normalize();
        if (!archive.getParent().equals(directory.normalize())) {
            throw new IllegalArgumentException("not an archive of this target: " + location);
        }
        return archive;
    }
}
