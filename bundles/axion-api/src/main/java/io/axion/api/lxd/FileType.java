package io.axion.api.lxd;

/** What a path inside an instance is. */
public enum FileType {
    FILE, DIRECTORY, SYMLINK
}
