package io.axion.auth.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only their owner may read (mode 600). They are created with that mode from the start, never chmod-ed
 * after the secret is in, and written whole through a rename so a crash leaves no half secret behind.
 */
final class SecretFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {
    }

    /** Writes {@code content} to {@code file} unless it exists; returns false when it existed already. */
    static boolean createIfAbsent(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                return false;
            }
            Path dir = file.toAbsolutePath().getParent();
            Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly(dir));
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
                try {
                    // Files.move with ATOMIC_MOVE would replace a file created meanwhile; a link does not.
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException e) {
                    return false;
                } catch (UnsupportedOperationException | AccessDeniedException e) {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                }
                return true;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Reads a secret file, first narrowing its mode to 600 when someone widened it. */
    static Optional<String> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            tighten(file);
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static void tighten(Path file) throws IOException {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!mode.equals(OWNER_ONLY)) {
                LOG.warn("{} had mode {}; setting it to rw------- (owner only)", file,
                        PosixFilePermissions.toString(mode));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to narrow.
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        try {
            return Files.getFileStore(dir).supportsFileAttributeView("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
        } catch (IOException e) {
            return new FileAttribute<?>[0];
        }
    }
}
