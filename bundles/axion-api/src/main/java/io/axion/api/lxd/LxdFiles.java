package io.axion.api.lxd;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Files inside an instance. Contents stream both ways: nothing holds a whole file in memory. Paths are absolute;
 * callers validate them (the driver passes them to LXD as they are).
 */
public interface LxdFiles {

    /** @throws LxdNotFoundException when the path does not exist */
    FileEntry stat(String instance, String path);

    /** The entries of a directory, each with its type, size, mode and owner (one LXD call per entry). */
    List<FileEntry> list(String instance, String directory);

    /** Opens a file for reading; the caller must close the download. */
    FileDownload read(String instance, String path);

    /** Writes (creates or replaces) a file from a stream of unknown length; the parent directory must exist. */
    void write(String instance, String path, InputStream content, FileAttributes attributes);

    /** Writes a file from a local file. */
    void write(String instance, String path, Path source, FileAttributes attributes);

    void mkdir(String instance, String path, FileAttributes attributes);

    /** Deletes a file or an empty directory. */
    void delete(String instance, String path);
}
