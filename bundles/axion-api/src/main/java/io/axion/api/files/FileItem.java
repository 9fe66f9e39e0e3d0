package io.axion.api.files;

import io.axion.api.lxd.FileEntry;
import java.util.Locale;

/**
 * An entry of a directory listing.
 *
 * @param type {@code file}, {@code directory} or {@code symlink}
 * @param size bytes for a file, 0 otherwise
 * @param mode the permission bits as a number (e.g. 420 for {@code 0644})
 */
public record FileItem(String name, String type, long size, int mode, int uid, int gid) {

    public static FileItem of(FileEntry entry) {
        return new FileItem(entry.name(), entry.type().name().toLowerCase(Locale.ROOT), entry.size(), entry.mode(),
                entry.uid(), entry.gid());
    }
}
