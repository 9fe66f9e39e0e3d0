package io.axion.api.lxd;

/**
 * A file, directory or symlink inside an instance.
 *
 * @param name the last path segment
 * @param size the size in bytes for a file; 0 for directories and symlinks
 * @param mode the permission bits (e.g. {@code 0644})
 */
public record FileEntry(String name, FileType type, long size, int mode, int uid, int gid) {
}
