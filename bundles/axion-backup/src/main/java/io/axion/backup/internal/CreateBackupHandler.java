package io.axion.backup.internal;

import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.lxd.LxdNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Exports the instance through LXD into the staging folder, takes its sha256, hands it to the target (which makes
 * it visible only once complete) and only then marks the row good. Run again after a crash, it starts over from
 * the export; a row already good is done.
 */
@Component(service = io.axion.api.job.JobHandler.class, property = JobHandler.TYPE_PROPERTY + "=" + BackupJobs.CREATE)
public class CreateBackupHandler implements JobHandler {
    private final BackupManager backups;

    @Activate
    public CreateBackupHandler(@Reference BackupManager backups) {
        this.backups = backups;
    }

    @Override
    public JobResult process(JobContext context) {
        BackupJobs.CreatePayload payload = context.payload(BackupJobs.CreatePayload.class);
        if (payload.scheduled()) {
            backups.repository().insert(new BackupRecord(payload.backupId(), context.instance(), context.host(),
                    payload.target(), BackupRecord.PENDING, null, null, 0, true,
                    java.time.Instant.ofEpochSecond(payload.tickEpochSecond())));
        }
        BackupRecord backup = backups.repository().find(payload.backupId()).orElse(null);
        if (backup == null) {
            return JobResult.ok("Backup " + payload.backupId() + " was deleted");
        }
        if (!BackupRecord.PENDING.equals(backup.state())) {
            return JobResult.ok("Backup " + backup.id() + " is already " + backup.state());
        }
        BackupTarget target = backups.targets().get(payload.target());
        Path staged = null;
        try {
            Files.createDirectories(backups.targets().staging());
            staged = backups.targets().staging().resolve(backup.id() + ".tar.gz");
            context.log("Exporting " + backup.instance() + " through LXD");
            // The job's log is the progress the console shows: the bytes downloaded so far, about once a second.
            backups.hosts().lxd(context.host()).backups().export(backup.instance(), "axion-" + backup.id(), staged,
                    written -> context.log("Downloaded " + mebibytes(written) + " MiB"));
            String sha256 = Checksums.sha256(staged);
            long size = Files.size(staged);
            context.log("Archive of " + size + " bytes, sha256 " + sha256 + "; storing in " + target.name());
            String location = target.store(backup.id(), staged);
            if (!backups.repository().markGood(backup.id(), location, sha256, size)) {
                target.delete(location); // deleted while it ran: do not keep an archive nobody lists
                return JobResult.ok("Backup " + backup.id() + " was deleted while it ran");
            }
        } catch (LxdNotFoundException e) {
            backups.repository().markFailed(backup.id());
            return JobResult.fail("Instance " + backup.instance() + " does not exist");
        } catch (IOException | RuntimeException e) {
            if (context.lastAttempt()) {
                backups.repository().markFailed(backup.id());
            }
            return JobResult.retry("Backup failed: " + e.getMessage());
        } finally {
            deleteQuietly(staged);
        }
        if (payload.scheduled()) {
            backups.applyRetention(backup.instance(), target.name(), payload.keep());
        }
        return JobResult.ok("Backup " + backup.id() + " is good");
    }

    static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // The next start empties the staging folder.
        }
    }
}
