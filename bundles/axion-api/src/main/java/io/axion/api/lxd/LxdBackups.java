package io.axion.api.lxd;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Instance backups through LXD's backups API. Methods block until LXD has finished. */
public interface LxdBackups {

    /**
     * Makes an LXD backup of the instance (without its snapshots), streams its archive into {@code target} and
     * removes the backup from LXD again, also when the download fails.
     */
    default void export(String instance, String backup, Path target) {
        export(instance, backup, target, written -> { });
    }

    /**
     * The same, telling {@code progress} the bytes of the archive written so far as the download goes (on the
     * calling thread, at most about once a second, and once at the end).
     */
    void export(String instance, String backup, Path target, LongConsumer progress);

    /** Creates the instance {@code name} from an archive that {@link #export} wrote; it is left stopped. */
    default void importArchive(String name, Path archive) {
        importArchive(name, archive, sent -> { });
    }

    /**
     * The same, telling {@code progress} the bytes of the archive sent to LXD so far (from the HTTP client's thread,
     * at most about once a second, and once when all is sent); LXD unpacks it after that, before this returns.
     */
    void importArchive(String name, Path archive, LongConsumer progress);

    /** Renames a stopped instance (a restore over the original imports beside it, then swaps the names). */
    void rename(String from, String to);
}
