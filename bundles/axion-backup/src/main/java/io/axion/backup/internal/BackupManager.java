package io.axion.backup.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.AxionPaths;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.host.HostService;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceNames;
import io.axion.api.instance.InstanceService;
import io.axion.api.job.Job;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups and schedules: checks requests, keeps the rows, queues the jobs. The jobs do the LXD work; this answers
 * every bad request with a 4xx before anything changes.
 */
@Component(service = BackupManager.class, configurationPid = BackupConfig.PID)
@Designate(ocd = BackupConfig.class)
public class BackupManager {
    private static final Logger LOG = LoggerFactory.getLogger(BackupManager.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final BackupRepository repository;
    private final BackupTargets targets;
    private final JobService jobs;
    private final InstanceService instances;
    private final HostService hosts;
    private final Retention retention;
    private final Clock clock;

    @Activate
    public BackupManager(@Reference Store store, @Reference JobService jobs, @Reference InstanceService instances,
                         @Reference HostService hosts, BackupConfig config) {
        this(new BackupRepository(store), new BackupTargets(config, AxionPaths.dataDir()), jobs, instances, hosts,
                new Retention(config.keepLast(), config.keepDaily(), config.keepWeekly(), config.keepMonthly()),
                Clock.systemUTC());
        removeLeftovers();
    }

    BackupManager(BackupRepository repository, BackupTargets targets, JobService jobs, InstanceService instances,
                  HostService hosts, Retention retention, Clock clock) {
        this.repository = repository;
        this.targets = targets;
        this.jobs = jobs;
        this.instances = instances;
        this.hosts = hosts;
        this.retention = retention;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    BackupRepository repository() {
        return repository;
    }

    BackupTargets targets() {
        return targets;
    }

    HostService hosts() {
        return hosts;
    }

    Optional<String> hostOf(String instance) {
        return instances.find(instance).map(Instance::host);
    }

    List<BackupRecord> list(String instance) {
        if (instance != null) {
            requireInstance(instance);
        }
        return repository.list(instance);
    }

    BackupRecord get(String id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("Backup", id));
    }

    /** Queues a backup of the instance; the row shows as pending at once. */
    Job create(String instance, String targetName) {
        Instance found = requireInstance(instance);
        BackupTarget target = targets.get(targetName);
        String id = UUID.randomUUID().toString();
        repository.insert(new BackupRecord(id, instance, found.host(), target.name(), BackupRecord.PENDING, null,
                null, 0, false, clock.instant()));
        return jobs.enqueue(BackupJobs.CREATE, instance, new BackupJobs.CreatePayload(id, target.name(), false, 0, 0),
                JobOptions.onHost(found.host()));
    }

    /**
     * Queues a scheduled backup: the same tick on any node makes the same job, whose handler makes the row (so a
     * row that retention removed later is not made again by a late check of the same tick).
     */
    Job createScheduled(String instance, String host, String targetName, int keep, Instant tick) {
        BackupTarget target = targets.get(targetName);
        String id = UUID.nameUUIDFromBytes((instance + "@" + tick.getEpochSecond()).getBytes()).toString();
        return jobs.enqueue(BackupJobs.CREATE, instance,
                new BackupJobs.CreatePayload(id, target.name(), true, keep, tick.getEpochSecond()),
                JobOptions.onHost(host)
                        .withIdempotencyKey("schedule-backup:" + instance + ":" + tick.getEpochSecond()));
    }

    /** Queues a restore; {@code name} null: over the original instance. */
    Job restore(String id, String name, String host) {
        BackupRecord backup = requireGood(id);
        if (name != null) {
            InstanceNames.requireValid("name", name);
            if (instances.find(name).isPresent()) {
                throw new ConflictException("already-exists", "Instance '" + name + "' already exists");
            }
        }
        String onHost = host != null ? hosts.get(host).name()
                : name == null ? hostOf(backup.instance()).orElse(backup.host()) : backup.host();
        return jobs.enqueue(BackupJobs.RESTORE, name == null ? backup.instance() : name,
                new BackupJobs.RestorePayload(id, name), JobOptions.onHost(onHost));
    }

    /** Removes the archive from its target, then the row. */
    void delete(String id) {
        BackupRecord backup = get(id);
        if (BackupRecord.PENDING.equals(backup.state())) {
            throw new ConflictException("in-progress", "Backup '" + id + "' is still being written");
        }
        try {
            if (backup.location() != null) {
                targets.get(backup.target()).delete(backup.location());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repository.delete(id);
    }

    boolean verify(String id) {
        BackupRecord backup = requireGood(id);
        try {
            return targets.get(backup.target()).verify(backup.location(), backup.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a good backup's archive to a temporary file, for a download (the caller deletes it). */
    Path fetchToTemp(String id) {
        BackupRecord backup = requireGood(id);
        try {
            Files.createDirectories(targets.staging());
            Path file = Files.createTempFile(targets.staging(), "download-", ".tar.gz");
            targets.get(backup.target()).fetch(backup.location(), file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Schedules schedules(String instance) {
        requireInstance(instance);
        return repository.schedule(instance).map(BackupManager::readSchedules).orElse(new Schedules(null, null));
    }

    Schedules saveSchedules(String instance, Schedules schedules) {
        requireInstance(instance);
        if (schedules == null) {
            throw new ValidationException("body", "must be {snapshots, backups}");
        }
        schedules.validated();
        if (schedules.backups() != null) {
            targets.get(schedules.backups().target());
        }
        try {
            repository.saveSchedule(instance, JSON.writeValueAsString(schedules), clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return schedules;
    }

    /** After a scheduled backup: the instance's scheduled backups in that target beyond the retention go. */
    void applyRetention(String instance, String targetName, int keepLast) {
        List<BackupRecord> scheduled = repository.list(instance).stream()
                .filter(b -> b.scheduled() && BackupRecord.GOOD.equals(b.state()) && b.target().equals(targetName))
                .toList();
        Retention policy = keepLast > 0 ? new Retention(keepLast, retention.keepDaily(), retention.keepWeekly(),
                retention.keepMonthly()) : retention;
        var kept = policy.keep(scheduled, BackupRecord::createdAt, clock);
        for (BackupRecord backup : scheduled) {
            if (!kept.contains(backup)) {
                LOG.info("Retention removes backup {} of {}", backup.id(), instance);
                delete(backup.id());
            }
        }
    }

    static Schedules readSchedules(String body) {
        try {
            return JSON.readValue(body, Schedules.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable schedule", e);
        }
    }

    private BackupRecord requireGood(String id) {
        BackupRecord backup = get(id);
        if (!BackupRecord.GOOD.equals(backup.state())) {
            throw new ConflictException("not-good", "Backup '" + id + "' is " + backup.state());
        }
        return backup;
    }

    private Instance requireInstance(String instance) {
        InstanceNames.requireValid("name", instance);
        return instances.find(instance).orElseThrow(() -> new NotFoundException("Instance", instance));
    }

    /** A kill mid-backup leaves a staged or partial file and a pending row: the files go, the job reruns the row. */
    private void removeLeftovers() {
        try {
            if (Files.isDirectory(targets.staging())) {
                try (var files = Files.list(targets.staging())) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
            var known = repository.list(null).stream().map(BackupRecord::location).filter(l -> l != null)
                    .collect(Collectors.toSet());
            targets.get(DirectoryTarget.NAME).removeLeftovers(known);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not remove the leftovers of interrupted backups: {}", e.getMessage());
        }
    }
}
