package io.axion.backup.internal;

import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.lxd.LxdBackups;
import io.axion.api.lxd.LxdHost;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdInstances;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Restores a backup as a new instance, or over the original. Over the original, the archive is imported beside it
 * first and the original is replaced only once the import succeeded: a failed import leaves the original as it was.
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE_PROPERTY + "=" + BackupJobs.RESTORE)
public class RestoreBackupHandler implements JobHandler {
    private final BackupManager backups;

    @Activate
    public RestoreBackupHandler(@Reference BackupManager backups) {
        this.backups = backups;
    }

    @Override
    public JobResult process(JobContext context) {
        BackupJobs.RestorePayload payload = context.payload(BackupJobs.RestorePayload.class);
        BackupRecord backup = backups.repository().find(payload.backupId()).orElse(null);
        if (backup == null || !BackupRecord.GOOD.equals(backup.state())) {
            return JobResult.fail("Backup " + payload.backupId() + " is not there any more");
        }
        LxdHost lxd = backups.hosts().lxd(context.host());
        String name = payload.name() == null ? backup.instance() : payload.name();
        String importName = payload.name() == null ? scratchName(backup) : name;
        Path archive = null;
        try {
            if (lxd.instances().find(importName).isEmpty()) {
                archive = fetchVerified(backup, context);
                String total = CreateBackupHandler.mebibytes(Files.size(archive));
                // The job's log is the progress the console shows: the bytes sent to LXD so far, about once a second.
                lxd.backups().importArchive(importName, archive,
                        sent -> context.log("Uploaded " + CreateBackupHandler.mebibytes(sent) + " of " + total
                                + " MiB"));
                context.log("Imported into LXD as " + importName);
            }
            if (payload.name() == null) {
                replace(lxd.instances(), lxd.backups(), name, importName);
            }
        } catch (IOException | RuntimeException e) {
            if (payload.name() == null) {
                deleteQuietly(lxd.instances(), importName); // the original is untouched until the swap
            }
            return context.lastAttempt() ? JobResult.fail("Restore failed: " + e.getMessage())
                    : JobResult.retry("Restore failed: " + e.getMessage());
        } finally {
            if (archive != null) {
                archive.toFile().delete();
            }
        }
        return JobResult.ok("Backup " + backup.id() + " restored as " + name);
    }

    private Path fetchVerified(BackupRecord backup, JobContext context) throws IOException {
        Files.createDirectories(backups.targets().staging());
        Path archive = Files.createTempFile(backups.targets().staging(), "restore-", ".tar.gz");
        backups.targets().get(backup.target()).fetch(backup.location(), archive);
        if (!Checksums.sha256(archive).equals(backup.sha256())) {
            throw new IOException("archive of backup " + backup.id() + " does not match its sha256");
        }
        context.log("Archive fetched and its sha256 checked; importing");
        return archive;
    }

    private static void replace(LxdInstances instances, LxdBackups lxdBackups, String original, String imported) {
        var current = instances.find(original);
        if (current.isPresent()) {
            if (current.get().status() != InstanceStatus.STOPPED) {
                instances.stop(original, true, Duration.ofSeconds(30));
            }
            instances.delete(original);
        }
        lxdBackups.rename(imported, original);
    }

    /** Short and within LXD's name rules, and the same on every attempt so a rerun finds its own import. */
    private static String scratchName(BackupRecord backup) {
        String base = backup.instance().length() > 40 ? backup.instance().substring(0, 40) : backup.instance();
        return base + "-restore-" + backup.id().substring(0, 8);
    }

    private static void deleteQuietly(LxdInstances instances, String name) {
        try {
            if (instances.find(name).isPresent()) {
                instances.delete(name);
            }
        } catch (RuntimeException ignored) {
            // A rerun or an operator removes it; it never carries the original's name.
        }
    }
}
