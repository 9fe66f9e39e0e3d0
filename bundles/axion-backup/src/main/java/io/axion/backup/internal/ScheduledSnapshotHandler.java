package io.axion.backup.internal;

import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdSnapshots;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Takes the snapshot of one tick, named after the tick so a rerun finds it, then prunes scheduled snapshots past
 * their expiry or beyond the keep count.
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE_PROPERTY + "=" + BackupJobs.SCHEDULED_SNAPSHOT)
public class ScheduledSnapshotHandler implements JobHandler {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);
    private final BackupManager backups;

    @Activate
    public ScheduledSnapshotHandler(@Reference BackupManager backups) {
        this.backups = backups;
    }

    static String snapshotName(Instant tick) {
        return SnapshotPruning.PREFIX + NAME.format(tick);
    }

    @Override
    public JobResult process(JobContext context) {
        BackupJobs.SnapshotPayload payload = context.payload(BackupJobs.SnapshotPayload.class);
        LxdSnapshots snapshots = backups.hosts().lxd(context.host()).snapshots();
        String name = snapshotName(Instant.ofEpochSecond(payload.tickEpochSecond()));
        if (snapshots.list(context.instance()).stream().noneMatch(s -> s.name().equals(name))) {
            try {
                snapshots.create(context.instance(), name, false);
            } catch (LxdAlreadyExistsException e) {
                context.log("Snapshot " + name + " already exists");
            }
        }
        var doomed = SnapshotPruning.toDelete(snapshots.list(context.instance()),
                Schedules.expiryOf(payload.expiry()), payload.keep(), backups.clock());
        for (String old : doomed) {
            snapshots.delete(context.instance(), old);
            context.log("Pruned " + old);
        }
        return JobResult.ok("Snapshot " + name + " taken, " + doomed.size() + " pruned");
    }
}
