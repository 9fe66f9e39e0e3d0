package io.axion.backup.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Where archives live. A stored archive is complete: a target never shows a half-written one under its location. */
interface BackupTarget {

    String name();

    /**
     * Takes the complete archive at {@code staged} (which it may move away) and keeps it for backup {@code id}.
     *
     * @return the location to read it back from
     */
    String store(String id, Path staged) throws IOException;

    /** Writes the archive at {@code location} to {@code into}. */
    void fetch(String location, Path into) throws IOException;

    void delete(String location) throws IOException;

    /** Whether the archive is intact: its sha256 for a directory, {@code restic check} for restic. */
    boolean verify(String location, String sha256) throws IOException;

    /** Removes what a crash left: anything not at one of {@code known} locations that looks like an archive. */
    default void removeLeftovers(Set<String> known) throws IOException {
    }
}
