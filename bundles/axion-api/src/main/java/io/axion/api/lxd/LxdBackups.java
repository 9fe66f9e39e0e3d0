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
    void importArchive(String name, Path archive);

    /** Renames a stopped instance (a restore over the original imports beside it, then swaps the names). */
    void rename(String from, String to);
}
