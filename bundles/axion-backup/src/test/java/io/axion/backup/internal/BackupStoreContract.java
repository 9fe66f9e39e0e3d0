package io.axion.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.axion.api.host.HostService;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.job.Job;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import io.axion.api.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup tables and the schedule ticks over one store; run on SQLite and on PostgreSQL. */
abstract class BackupStoreContract {
    final Instant at = Instant.parse("2026-06-30T12:00:00Z");

    @TempDir
    Path dir;

    abstract Store store();

    @Test
    void rowsBecomeGoodOnceAndListNewestFirst() {
        BackupRepository repository = new BackupRepository(store());
        repository.insert(record("b1", "web", at));
        repository.insert(record("b1", "web", at)); // a rerun: one row
        repository.insert(record("b2", "web", at.plusSeconds(60)));
        repository.insert(record("b3", "db", at.plusSeconds(120)));
        assertThat(repository.list("web")).extracting(BackupRecord::id).containsExactly("b2", "b1");
        assertThat(repository.list(null)).extracting(BackupRecord::id).containsExactly("b3", "b2", "b1");

        assertThat(repository.markGood("b1", "b1.tar.gz", "abc", 42)).isTrue();
        assertThat(repository.markGood("b1", "b1.tar.gz", "abc", 42)).isFalse();
        assertThat(repository.find("b1")).hasValueSatisfying(b -> {
            assertThat(b.state()).isEqualTo(BackupRecord.GOOD);
            assertThat(b.sha256()).isEqualTo("abc");
            assertThat(b.sizeBytes()).isEqualTo(42);
        });
        assertThat(repository.markFailed("b1")).isFalse(); // good stays good
        assertThat(repository.markFailed("b2")).isTrue();
        assertThat(repository.inState(BackupRecord.PENDING)).extracting(BackupRecord::id).containsExactly("b3");
        assertThat(repository.delete("b2")).isTrue();
        assertThat(repository.find("b2")).isEmpty();
    }

    @Test
    void schedulesUpsert() {
        BackupRepository repository = new BackupRepository(store());
        repository.saveSchedule("web", "{\"a\":1}", at);
        repository.saveSchedule("web", "{\"a\":2}", at.plusSeconds(1));
        assertThat(repository.schedule("web")).contains("{\"a\":2}");
        assertThat(repository.schedules()).singleElement().satisfies(row -> assertThat(row.updatedAt()).isEqualTo(at.plusSeconds(1)));
        assertThat(repository.schedule("db")).isEmpty();
    }

    /** Two nodes checking every 5 s for three minutes: one snapshot job and one backup per tick. */
    @Test
    void twoNodesEnqueueExactlyOneJobPerTick() {
        JobService jobs = idempotentJobs();
        BackupManager first = manager(jobs);
        BackupManager second = manager(jobs);
        first.saveSchedules("web", new Schedules(new Schedules.SnapshotSchedule("* * * * *", "1h", 3),
                new Schedules.BackupSchedule("* * * * *", "directory", 2)));
        ScheduleTicker one = new ScheduleTicker(first, jobs);
        ScheduleTicker two = new ScheduleTicker(second, jobs);
        for (int second5 = 0; second5 < 180; second5 += 5) {
            one.check(at.plusSeconds(second5));
            two.check(at.plusSeconds(second5 + 2));
        }
        assertThat(enqueued).containsOnlyKeys(
                "schedule-snapshot:web:" + at.getEpochSecond(),
                "schedule-snapshot:web:" + (at.getEpochSecond() + 60),
                "schedule-snapshot:web:" + (at.getEpochSecond() + 120),
                "schedule-backup:web:" + at.getEpochSecond(),
                "schedule-backup:web:" + (at.getEpochSecond() + 60),
                "schedule-backup:web:" + (at.getEpochSecond() + 120));
        one.stop();
        two.stop();
    }

    final Map<String, Job> enqueued = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    /** The job store's contract that matters here: one job per idempotency key. */
    JobService idempotentJobs() {
        JobService jobs = mock(JobService.class);
        when(jobs.enqueue(anyString(), anyString(), any(), any(JobOptions.class))).thenAnswer(call -> {
            calls.incrementAndGet();
            JobOptions options = call.getArgument(3);
            return enqueued.computeIfAbsent(options.idempotencyKey(), key -> new Job(UUID.randomUUID().toString(),
                    call.getArgument(0), call.getArgument(1), JobState.PENDING, 0, 3, null, at, null, null, null,
                    null, key, Map.of(), List.of(), options.host()));
        });
        return jobs;
    }

    BackupManager manager(JobService jobs) {
        InstanceService instances = mock(InstanceService.class);
        when(instances.find("web")).thenReturn(Optional.of(new Instance("web", "Running", "busybox", 1, 64L,
                "local", "node-1", at, null, List.of())));
        BackupTargets targets = new BackupTargets(Map.of(DirectoryTarget.NAME, new DirectoryTarget(dir)),
                DirectoryTarget.NAME, dir.resolve(".staging"));
        return new BackupManager(new BackupRepository(store()), targets, jobs, instances, mock(HostService.class),
                new Retention(7, 0, 0, 0), Clock.fixed(at, ZoneOffset.UTC));
    }

    static BackupRecord record(String id, String instance, Instant createdAt) {
        return new BackupRecord(id, instance, "local", "directory", BackupRecord.PENDING, null, null, 0, false,
                createdAt);
    }
}
