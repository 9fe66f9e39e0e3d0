package io.axion.api.lxd;

/** Owner and permissions for a file or directory being written; a null field keeps LXD's default. */
public record FileAttributes(Integer uid, Integer gid, Integer mode) {

    public static FileAttributes defaults() {
        return new FileAttributes(null, null, null);
    }
}
