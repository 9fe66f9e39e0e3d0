package io.axion.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.axion.api.error.AxionException;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.instance.CreateAdmission;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.CreateQueue;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceJobTypes;
import io.axion.api.instance.QueuedCreate;
import io.axion.api.instance.Resize;
import io.axion.api.instance.Usage;
import io.axion.api.job.Job;
import io.axion.api.job.JobState;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaAmount;
import io.axion.api.quota.QuotaExceededException;
import io.axion.api.quota.QuotaService;
import io.axion.api.quota.Reservation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstancesComponentTest {
    private final RecordingQuota quota = new RecordingQuota();
    private final Fixture fx = new Fixture(quota);

    @AfterEach
    void close() {
        fx.close();
    }

    private static CreateInstance create(String name) {
        return new CreateInstance(name, "axion/busybox", 1, 64, null, null, false);
    }

    @Test
    void aDuplicateNameIs409BeforeAnyJobOrReservation() {
        fx.lxd.add("taken", InstanceStatus.RUNNING, 1, 64L);
        fx.reconcile();
        assertThatThrownBy(() -> fx.instances.create(create("taken")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'taken' already exists");
        assertThat(fx.jobs.enqueued).isEmpty();
        assertThat(quota.reserved).isEmpty();
    }

    @Test
    void aNameBeingCreatedIs409TooAndFreeAgainWhenTheCreateFails() {
        Job first = fx.instances.create(create("web"));
        assertThatThrownBy(() -> fx.instances.create(create("web"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("being created");
        fx.jobs.finish(first, JobState.FAILED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(quota.released).contains("web"));
        assertThat(fx.instances.create(create("web"))).isNotNull();
    }

    @Test
    void thirtyTwoConcurrentCreatesOfOneNameAdmitExactlyOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 32; i++) {
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    fx.instances.create(create("same"));
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int admitted = 0;
        for (Future<Boolean> outcome : outcomes) {
            admitted += outcome.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(admitted).isEqualTo(1);
        assertThat(fx.jobs.ofType(InstanceJobTypes.CREATE)).hasSize(1);
    }

    @Test
    void twoMembersSharingClaimsAdmitOneCreateOfAName() {
        try (Fixture other = new Fixture(quota, fx.cluster, fx.store)) {
            fx.instances.create(create("shared"));
            assertThatThrownBy(() -> other.instances.create(create("shared"))).isInstanceOf(ConflictException.class);
        }
    }

    @Test
    void quotaExceededLeavesNoJobAndNoClaim() {
        quota.refuse = true;
        assertThatThrownBy(() -> fx.instances.create(create("big")))
                .isInstanceOf(QuotaExceededException.class);
        assertThat(fx.jobs.enqueued).isEmpty();
        quota.refuse = false;
        assertThat(fx.instances.create(create("big"))).isNotNull();
    }

    @Test
    void aReservationIsGivenBackWhenTheJobCannotBeQueued() {
        fx.jobs.failNextEnqueue = new IllegalStateException("The job engine is not active");
        assertThatThrownBy(() -> fx.instances.create(create("x"))).isInstanceOf(IllegalStateException.class);
        assertThat(quota.closedUncommitted).containsExactly("x");
        assertThat(fx.instances.create(create("x"))).isNotNull();
    }

    @Test
    void invalidRequestsName422TheirField() {
        assertThatThrownBy(() -> fx.instances.create(new CreateInstance("Bad", "img", 1, 64, null, null, null)))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> fx.instances.create(new CreateInstance("ok", " ", 1, 64, null, null, null)))
                .hasMessageStartingWith("image:");
        assertThatThrownBy(() -> fx.instances.create(new CreateInstance("ok", "img", 0, 64, null, null, null)))
                .hasMessageStartingWith("cpu:");
        assertThatThrownBy(() -> fx.instances.create(new CreateInstance("ok", "img", 1, null, null, null, null)))
                .hasMessageStartingWith("memoryMiB:");
        assertThatThrownBy(() -> fx.instances.create(new CreateInstance("ok", "img", 1, 64, 0, null, null)))
                .hasMessageStartingWith("diskGiB:");
        assertThatThrownBy(() -> fx.instances.create(null)).hasMessageStartingWith("body:");
        assertThat(fx.jobs.enqueued).isEmpty();
    }

    @Test
    void actionsOnAnUnknownInstanceAre404WithoutAJob() {
        assertThatThrownBy(() -> fx.instances.start("ghost")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.instances.stop("ghost", true)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.instances.restart("ghost")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.instances.delete("ghost")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.instances.resize("ghost", new Resize(1, null))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.instances.details("ghost")).isInstanceOf(NotFoundException.class);
        assertThat(fx.jobs.enqueued).isEmpty();
    }

    @Test
    void aResizeReservesTheNewTotalsAndReleasesOnFailure() {
        fx.lxd.add("db", InstanceStatus.RUNNING, 2, 512L);
        fx.reconcile();
        Job job = fx.instances.resize("db", new Resize(null, 1024));
        assertThat(quota.reserved).containsEntry("db", List.of(2L, 1024L));
        fx.jobs.finish(job, JobState.FAILED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(quota.released).contains("db"));
    }

    @Test
    void aCreateReservesItsRootDiskOrNoneForThePoolDefault() {
        fx.instances.create(new CreateInstance("sized", "axion/busybox", 1, 64, 20, null, false));
        fx.instances.create(create("pooled"));
        assertThat(quota.disks).containsEntry("sized", 20L).containsEntry("pooled", -1L);
    }

    @Test
    void aResizeKeepsCountingTheInstancesRootDisk() {
        fx.lxd.add("sized", InstanceStatus.RUNNING, 2, 512L, 30L);
        fx.lxd.add("pooled", InstanceStatus.RUNNING, 2, 512L);
        fx.reconcile();
        fx.instances.resize("sized", new Resize(4, null));
        fx.instances.resize("pooled", new Resize(4, null));
        assertThat(quota.disks).containsEntry("sized", 30L).containsEntry("pooled", -1L);
        assertThat(fx.instances.find("sized").orElseThrow().diskGiB()).isEqualTo(30L);
    }

    @Test
    void aSucceededCreateSettlesItsReservationAndADeleteReleasesIt() {
        Job created = fx.instances.create(create("app"));
        fx.jobs.finish(created, JobState.COMPLETED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(quota.settled).contains("app"));
        fx.lxd.add("app", InstanceStatus.STOPPED, 1, 64L);
        fx.reconcile();
        Job deleted = fx.instances.delete("app");
        fx.jobs.finish(deleted, JobState.COMPLETED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(quota.released).contains("app"));
    }

    @Test
    void readsNeverAskLxdAndShowUsageFromTheProvider() {
        for (int i = 0; i < 50; i++) {
            fx.lxd.add("i" + i, InstanceStatus.RUNNING, 1, 64L);
        }
        fx.reconcile();
        fx.lxd.callers.clear();
        fx.view.setUsageProvider(name -> Optional.of(new Usage(12.5, 1024)));
        for (int i = 0; i < 1000; i++) {
            assertThat(fx.instances.list()).hasSize(50);
            assertThat(fx.instances.find("i7")).isPresent();
        }
        assertThat(fx.instances.list().get(0).usage()).isEqualTo(new Usage(12.5, 1024));
        // The view's own periodic reconcile may list meanwhile; the reading thread never does.
        assertThat(fx.lxd.callers).doesNotContain(Thread.currentThread());
    }

    @Test
    void detailsCarryConfigWithCloudInitHiddenAndSnapshotsReadOnce() {
        fx.lxd.instances.put("c", new io.axion.api.lxd.InstanceInfo("c", InstanceStatus.RUNNING, "img", 1, 64L, null,
                java.time.Instant.now(), "none", List.of(), Map.of("limits.cpu", "1",
                "cloud-init.user-data", "#cloud-config\npassword: secret")));
        fx.reconcile();
        var details = fx.instances.details("c");
        assertThat(details.config()).containsEntry("limits.cpu", "1");
        assertThat(details.config().get("cloud-init.user-data")).doesNotContain("secret");
        assertThat(details.snapshots()).extracting(s -> s.name()).containsExactly("snap0");
        fx.instances.details("c");
        assertThat(fx.snapshotLists.get()).isEqualTo(1);
    }

    @Test
    void lxdEventsRefreshOneInstanceAndAResyncReListsEverything() {
        fx.reconcile();
        fx.lxd.add("late", InstanceStatus.RUNNING, 1, 64L);
        fx.events.lifecycle("instance-created", "late");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.instances.find("late").isPresent());
        fx.lxd.instances.remove("late");
        fx.lxd.add("other", InstanceStatus.STOPPED, 1, 64L);
        fx.events.resync();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(fx.instances.list()).extracting(Instance::name).containsExactly("other"));
    }

    @Test
    void afterARestartQueuedCreatesHoldTheirNamesAndTheirOutcomeStillSettlesTheQuota() {
        Job queued = fx.instances.create(new CreateInstance("queued", "img", 2, 256, null, null, false));
        // A new component over the same job queue and store: the claim is in the store, and the governor keeps
        // its reservations there too, so nothing is reserved again.
        RecordingQuota fresh = new RecordingQuota();
        InstancesComponent restarted = new InstancesComponent(fx.view, fx.jobs, fx.hosts, fx.store, null,
                new Fixture.FirstFit());
        restarted.activate(Configs.instances());
        restarted.bindQuota(fresh);
        assertThat(fresh.reserved).isEmpty();
        assertThatThrownBy(() -> restarted.create(create("queued"))).isInstanceOf(ConflictException.class);
        fx.jobs.finish(queued, JobState.FAILED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fresh.released).contains("queued"));
    }

    @Test
    void aQueuedCreateThatFindsNoRoomWaitsAndHoldsItsName() {
        RecordingQueue waiting = new RecordingQueue();
        fx.instances.bindQueue(waiting);
        CreateInstance huge = new CreateInstance("big", "img", 512, 64, null, null, false, null, null, null, null,
                true, 10, null, null);
        CreateAdmission admission = fx.instances.admit(huge, "alice");
        assertThat(admission.job()).isNull();
        assertThat(admission.queued().name()).isEqualTo("big");
        assertThat(waiting.owners).containsExactly("alice");
        assertThatThrownBy(() -> fx.instances.create(create("big"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("queue");

        // Without queue: true, or without a queue installed, a full cluster is a 422 as before.
        CreateInstance unqueued = new CreateInstance("big2", "img", 512, 64, null, null, false);
        assertThatThrownBy(() -> fx.instances.admit(unqueued, "alice")).isInstanceOf(QuotaExceededException.class);
        fx.instances.unbindQueue(waiting);
        assertThatThrownBy(() -> fx.instances.admit(new CreateInstance("big3", "img", 512, 64, null, null, false,
                null, null, null, null, true, null, null, null), "alice")).isInstanceOf(QuotaExceededException.class);
        // One that fits starts at once, queue or not.
        assertThat(fx.instances.admit(new CreateInstance("small", "img", 1, 64, null, null, false, null, null, null,
                null, true, null, null, null), "alice").job()).isNotNull();
    }

    /** A queue that keeps what it is given. */
    static final class RecordingQueue implements CreateQueue {
        final List<String> owners = new CopyOnWriteArrayList<>();
        final Set<String> names = ConcurrentHashMap.newKeySet();

        @Override
        public QueuedCreate enqueue(CreateInstance request, String owner) {
            owners.add(owner);
            names.add(request.name());
            return new QueuedCreate("q-" + request.name(), request.name(), owner, request.priorityOrDefault(),
                    request.cpu(), request.memoryMiB(), request.cpuPolicy(), request.gpus(), java.time.Instant.EPOCH,
                    QueuedCreate.QUEUED, 1, null, null);
        }

        @Override
        public boolean holds(String name) {
            return names.contains(name);
        }
    }

    /** Records what the instances bundle asks of the governor; refuses on demand. */
    static final class RecordingQuota implements QuotaService {
        final Map<String, List<Long>> reserved = new ConcurrentHashMap<>();
        final List<String> released = new CopyOnWriteArrayList<>();
        final List<String> settled = new CopyOnWriteArrayList<>();
        final List<String> closedUncommitted = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        final Map<String, String> hosts = new ConcurrentHashMap<>();
        /** The root disk each reservation named, GiB; -1 for none (the pool's default). */
        final Map<String, Long> disks = new ConcurrentHashMap<>();

        @Override
        public Reservation reserve(String instance, String host, int cpu, long memoryMiB, Long diskGiB,
                                   String tenant) {
            disks.put(instance, diskGiB == null ? -1 : diskGiB);
            return reserve(instance, host, cpu, memoryMiB);
        }

        @Override
        public Quota quota() {
            return new Quota(new QuotaAmount(1000, 0, 1000), new QuotaAmount(1 << 20, 0, 1 << 20));
        }

        @Override
        public Quota setLimits(int cpu, long memoryMiB) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Reservation reserve(String instance, String host, int cpu, long memoryMiB) {
            if (host != null) {
                hosts.put(instance, host);
            }
            if (refuse) {
                throw new QuotaExceededException("cpu: 1 core(s) short");
            }
            reserved.put(instance, List.of((long) cpu, memoryMiB));
            return new Reservation() {
                private boolean committed;

                @Override
                public String instance() {
                    return instance;
                }

                @Override
                public int cpu() {
                    return cpu;
                }

                @Override
                public long memoryMiB() {
                    return memoryMiB;
                }

                @Override
                public void commit() {
                    committed = true;
                }

                @Override
                public void close() {
                    if (!committed) {
                        reserved.remove(instance);
                        closedUncommitted.add(instance);
                    }
                }
            };
        }

        @Override
        public void release(String instance) {
            released.add(instance);
        }

        @Override
        public void settle(String instance) {
            settled.add(instance);
        }
    }

    @Test
    void axionExceptionsCarryTheirStatus() {
        assertThatThrownBy(() -> fx.instances.get("nope")).isInstanceOfSatisfying(AxionException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }
}
