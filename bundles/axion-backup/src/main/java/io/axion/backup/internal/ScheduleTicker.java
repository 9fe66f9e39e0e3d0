package io.axion.backup.internal;

import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node checks the schedules every few seconds and enqueues the job of each due tick with an idempotency key
 * made of (kind, instance, tick): the job store's unique key lets exactly one enqueue win, on however many nodes,
 * with no leader to elect. A tick is due for {@link #CATCH_UP} after it passed (a node down a while does not replay
 * a day of ticks).
 */
@Component(service = ScheduleTicker.class, immediate = true, configurationPid = BackupConfig.PID)
public class ScheduleTicker {
    static final Duration CATCH_UP = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTicker.class);

    private final BackupManager backups;
    private final JobService jobs;
    private final ScheduledExecutorService timer;

    @Activate
    public ScheduleTicker(@Reference BackupManager backups, @Reference JobService jobs, BackupConfig config) {
        this(backups, jobs);
        timer.scheduleWithFixedDelay(this::checkQuietly, 1, Math.max(1, config.checkSeconds()), TimeUnit.SECONDS);
    }

    ScheduleTicker(BackupManager backups, JobService jobs) {
        this.backups = backups;
        this.jobs = jobs;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "axion-backup-schedules"));
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    private void checkQuietly() {
        try {
            check(backups.clock().instant());
        } catch (RuntimeException e) {
            LOG.warn("Schedule check failed: {}", e.getMessage());
        }
    }

    /** Enqueues the jobs of the ticks due at {@code now}; enqueueing one twice returns the first job. */
    void check(Instant now) {
        for (BackupRepository.ScheduleRow row : backups.repository().schedules()) {
            String instance = row.instance();
            Schedules schedules = BackupManager.readSchedules(row.body());
            // A tick before the schedule was saved is not owed: saving @hourly at 12:40 does not run 12:00's.
            Instant since = row.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            var host = backups.hostOf(instance);
            if (host.isEmpty()) {
                continue; // the instance is gone (or not yet visible): nothing to snapshot
            }
            if (schedules.snapshots() != null) {
                var part = schedules.snapshots();
                due(part.cron(), now, since).ifPresent(tick -> jobs.enqueue(BackupJobs.SCHEDULED_SNAPSHOT, instance,
                        new BackupJobs.SnapshotPayload(tick.getEpochSecond(), part.expiry(), part.keep()),
                        JobOptions.onHost(host.get())
                                .withIdempotencyKey("schedule-snapshot:" + instance + ":" + tick.getEpochSecond())));
            }
            if (schedules.backups() != null) {
                var part = schedules.backups();
                due(part.cron(), now, since).ifPresent(tick -> backups.createScheduled(instance, host.get(),
                        part.target(), part.keep(), tick));
            }
        }
    }

    private static java.util.Optional<Instant> due(String cron, Instant now, Instant since) {
        return due(cron, now).filter(tick -> !tick.isBefore(since));
    }

    static java.util.Optional<Instant> due(String cron, Instant now) {
        return CronTicks.parse("cron", cron).latestTick(now).filter(tick -> !tick.isBefore(now.minus(CATCH_UP)));
    }
}
