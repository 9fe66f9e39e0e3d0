package io.axion.api.files;

import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileDownload;
import io.axion.api.lxd.FileEntry;
import java.io.InputStream;

/**
 * Files inside instances. Every method checks the instance name and the path ({@link FilePaths}, 422) and that
 * the instance exists (404). Contents stream: nothing holds a whole file in memory.
 */
public interface FileService {

    /** @throws io.axion.api.error.NotFoundException 404 for an unknown instance or path */
    FileEntry stat(String instance, String path);

    DirectoryListing list(String instance, String directory);

    /** Opens a file (or a symlink, whose content is its target) for reading; the caller closes it. */
    FileDownload read(String instance, String path);

    /**
     * Writes (creates or replaces) a file; its parent directory must exist.
     *
     * @param declaredLength the caller's announced length, or -1 when unknown: an announced length over the cap is
     *                       refused before anything is read, and the stream is counted while it is copied
     * @throws FileTooLargeException 413 when the content is larger than {@link #maxUploadBytes()}
     * @throws io.axion.api.error.ConflictException 409 when the path is a directory
     */
    void write(String instance, String path, InputStream content, long declaredLength, FileAttributes attributes);

    /** Makes a directory; an existing directory is fine, an existing file is a 409. The parent must exist. */
    void mkdir(String instance, String path, FileAttributes attributes);

    /** Deletes a file, a symlink or an empty directory (a non-empty one is a 409; the root is a 422). */
    void delete(String instance, String path);

    /** The configured upload cap in bytes. */
    long maxUploadBytes();
}
