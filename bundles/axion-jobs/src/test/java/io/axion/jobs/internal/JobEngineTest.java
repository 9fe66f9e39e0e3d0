package io.axion.jobs.internal;

import static io.axion.jobs.internal.EngineHarness.FAST;
import static io.axion.jobs.internal.EngineHarness.await;
import static io.axion.jobs.internal.EngineHarness.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.NotFoundException;
import io.axion.api.error.ServiceUnavailableException;
import io.axion.api.error.ValidationException;
import io.axion.api.event.EventChannels;
import io.axion.api.job.Job;
import io.axion.api.job.JobEvents;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobState;
import io.axion.api.job.PermanentJobException;
import io.axion.testing.InMemoryCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobEngineTest {
    @TempDir
    Path dir;
    EngineHarness harness;

    @BeforeEach
    void open() {
        harness = new EngineHarness(dir);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    record Greeting(String name, int times) {
    }

    @Test
    void countsJobsByTypeAndState() throws Exception {
        JobEngine engine = harness.started(FAST);
        engine.addHandler("greet", ctx -> JobResult.ok("done"));
        Job first = engine.enqueue("greet", "web-1", new Greeting("ada", 1));
        Job second = engine.enqueue("greet", "web-2", new Greeting("bob", 1));
        engine.enqueue("orphan", null, Map.of());
        engine.awaitFinished(first.id(), Duration.ofSeconds(30));
        engine.awaitFinished(second.id(), Duration.ofSeconds(30));

        assertThat(engine.counts()).containsExactly(
                new io.axion.api.job.JobCount("greet", JobState.COMPLETED, 2),
                new io.axion.api.job.JobCount("orphan", JobState.PENDING, 1));
    }

    @Test
    void runsAJobAndPublishesEveryStateChange() throws Exception {
        JobEngine engine = harness.started(FAST);
        List<Greeting> seen = new CopyOnWriteArrayList<>();
        engine.addHandler("greet", ctx -> {
            seen.add(ctx.payload(Greeting.class));
            ctx.log("said hello");
            return JobResult.ok("done");
        });

        Job queued = engine.enqueue("greet", "web-1", new Greeting("ada", 2));
        assertThat(queued.state()).isEqualTo(JobState.PENDING);
        assertThat(queued.node()).isEqualTo("node-a");

        Job done = engine.awaitFinished(queued.id(), Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.error()).isNull();
        assertThat(seen).containsExactly(new Greeting("ada", 2));
        assertThat(done.log()).hasSize(3);
        assertThat(done.log().get(0)).contains("attempt 1 of 5 started on node-a");
        assertThat(done.log().get(1)).endsWith("said hello");
        assertThat(done.log().get(2)).contains("attempt 1 succeeded: done");

        await().until(() -> harness.bus.statesOf(queued.id()).size() == 3);
        assertThat(harness.bus.statesOf(queued.id())).containsExactly("PENDING", "IN_PROGRESS", "COMPLETED");
        assertThat(harness.bus.events).allSatisfy(e -> {
            assertThat(e.channel()).isEqualTo(EventChannels.JOBS);
            assertThat(e.type()).isEqualTo(JobEvents.JOB_UPDATED);
        });
        Map<String, Object> last = harness.bus.events.get(2).data();
        assertThat(last).containsKeys("id", "type", "instance", "state", "attempts", "maxAttempts", "error",
                "createdAt", "startedAt", "finishedAt", "node").doesNotContainKey("payload");
        assertThat(last.get("finishedAt")).isEqualTo(done.finishedAt().toString());
    }

    @Test
    void retriesTransientFailuresWithGrowingDelays() throws Exception {
        JobEngine engine = harness.started(FAST);
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        engine.addHandler("flaky", ctx -> {
            startedAt.add(System.nanoTime());
            if (ctx.attempt() <= 2) {
                throw new ServiceUnavailableException("lxd-unreachable", "LXD is unreachable", null);
            }
            return JobResult.ok();
        });

        Job job = engine.enqueue("flaky", "db-1", Map.of(), JobOptions.defaults().withMaxAttempts(3));
        Job done = engine.awaitFinished(job.id(), Duration.ofSeconds(30));

        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.error()).isNull();
        assertThat(startedAt).hasSize(3);
        long firstDelay = startedAt.get(1) - startedAt.get(0);
        long secondDelay = startedAt.get(2) - startedAt.get(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(firstDelay)).isGreaterThanOrEqualTo(80);
        assertThat(secondDelay).isGreaterThan(firstDelay);
        assertThat(done.log()).filteredOn(line -> line.contains("failed: LXD is unreachable; retry in")).hasSize(2);
        assertThat(done.log()).filteredOn(line -> line.contains("started on")).hasSize(3);
        assertThat(harness.bus.statesOf(job.id())).containsSubsequence("PENDING", "IN_PROGRESS", "PENDING",
                "IN_PROGRESS", "PENDING", "IN_PROGRESS", "COMPLETED");
    }

    @Test
    void failsAtOnceOnAPermanentError() throws Exception {
        JobEngine engine = harness.started(FAST);
        AtomicInteger calls = new AtomicInteger();
        engine.addHandler("create", ctx -> {
            calls.incrementAndGet();
            throw new ValidationException("image", "unknown image 'debian/99'");
        });

        Job job = engine.enqueue("create", "c1", Map.of());
        Job done = engine.awaitFinished(job.id(), Duration.ofSeconds(30));

        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.error()).isEqualTo("image: unknown image 'debian/99'");
        assertThat(done.log()).last().asString().contains("attempt 1 failed permanently: image: unknown image");
        assertThat(calls).hasValue(1);
    }

    @Test
    void givesUpWhenTransientFailuresUseUpTheAttempts() throws Exception {
        JobEngine engine = harness.started(FAST);
        engine.addHandler("io", ctx -> {
            throw new IOException("connection refused");
        });

        Job done = engine.awaitFinished(engine.enqueue("io", null, null,
                JobOptions.defaults().withMaxAttempts(2)).id(), Duration.ofSeconds(30));

        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.error()).isEqualTo("IOException: connection refused");
        assertThat(done.log()).last().asString().endsWith("no attempts left");
    }

    @Test
    void handlerResultsCanAskForRetryOrFailure() throws Exception {
        JobEngine engine = harness.started(FAST);
        engine.addHandler("polite", ctx -> ctx.attempt() == 1 ? JobResult.retry("not yet") : JobResult.fail("no"));
        engine.addHandler("bug", ctx -> {
            throw new PermanentJobException("cannot ever work");
        });

        Job polite = engine.awaitFinished(engine.enqueue("polite", "p", null).id(), Duration.ofSeconds(30));
        Job bug = engine.awaitFinished(engine.enqueue("bug", "b", null).id(), Duration.ofSeconds(30));

        assertThat(polite.state()).isEqualTo(JobState.FAILED);
        assertThat(polite.attempts()).isEqualTo(2);
        assertThat(polite.error()).isEqualTo("no");
        assertThat(bug.attempts()).isEqualTo(1);
        assertThat(bug.error()).isEqualTo("cannot ever work");
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstJob() throws Exception {
        JobEngine engine = harness.started(FAST);
        AtomicInteger runs = new AtomicInteger();
        engine.addHandler("create", ctx -> {
            runs.incrementAndGet();
            return JobResult.ok();
        });

        JobOptions keyed = JobOptions.defaults().withIdempotencyKey("create-web-1");
        Job first = engine.enqueue("create", "web-1", Map.of("cpu", 1), keyed);
        engine.awaitFinished(first.id(), Duration.ofSeconds(30));
        Job second = engine.enqueue("create", "web-1", Map.of("cpu", 2), keyed);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.payload()).containsEntry("cpu", 1);
        assertThat(second.state()).isEqualTo(JobState.COMPLETED);
        assertThat(runs).hasValue(1);
        assertThat(engine.list(JobFilter.newest(10))).hasSize(1);
    }

    @Test
    void aJobWaitsForItsHandlerAndRunsOnceItArrives() throws Exception {
        JobEngine engine = harness.started(FAST);
        engine.addHandler("other", ctx -> JobResult.ok());

        Job waiting = engine.enqueue("snapshot", "web-1", Map.of("name", "s1"));
        Job sameInstanceLater = engine.enqueue("other", "web-1", null);
        Job elsewhere = engine.enqueue("other", "web-2", null);
        engine.awaitFinished(elsewhere.id(), Duration.ofSeconds(30));

        assertThat(engine.find(waiting.id()).orElseThrow().state()).isEqualTo(JobState.PENDING);
        assertThat(engine.find(waiting.id()).orElseThrow().attempts()).isZero();
        assertThat(engine.find(sameInstanceLater.id()).orElseThrow().state()).isEqualTo(JobState.PENDING);

        engine.addHandler("snapshot", ctx -> JobResult.ok());

        assertThat(engine.awaitFinished(waiting.id(), Duration.ofSeconds(30)).state()).isEqualTo(JobState.COMPLETED);
        assertThat(engine.awaitFinished(sameInstanceLater.id(), Duration.ofSeconds(30)).state())
                .isEqualTo(JobState.COMPLETED);
    }

    @Test
    void jobsOfOneInstanceRunInTheOrderTheyWereEnqueued() throws Exception {
        JobEngine engine = harness.started(FAST.withWorkers(8));
        List<Integer> order = new CopyOnWriteArrayList<>();
        engine.addHandler("step", ctx -> {
            order.add(((Number) ctx.payload().get("n")).intValue());
            return JobResult.ok();
        });

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(engine.enqueue("step", "one", Map.of("n", i)).id());
        }
        for (String id : ids) {
            engine.awaitFinished(id, Duration.ofSeconds(30));
        }
        assertThat(order).isSorted().hasSize(50);
    }

    @Test
    void aJobWaitsWhileAnotherNodeHoldsItsInstanceLock() throws Exception {
        JobEngine engine = harness.started(FAST);
        engine.addHandler("start", ctx -> JobResult.ok());
        InMemoryCluster otherNode = new InMemoryCluster("node-b", harness.cluster.table());
        var held = otherNode.tryLock("instance:busy", Duration.ZERO, Duration.ofMinutes(1)).orElseThrow();

        Job blocked = engine.enqueue("start", "busy", null);
        Job free = engine.enqueue("start", "free", null);
        engine.awaitFinished(free.id(), Duration.ofSeconds(30));
        assertThat(engine.find(blocked.id()).orElseThrow().state()).isEqualTo(JobState.PENDING);

        held.close();
        Job done = engine.awaitFinished(blocked.id(), Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempts()).isEqualTo(1);
    }

    @Test
    void aLongJobKeepsItsLockAndLeaseBeyondOneLease() throws Exception {
        EngineSettings shortLease = FAST.withLease(Duration.ofMillis(300));
        JobEngine engine = harness.started(shortLease);
        CountDownLatch release = new CountDownLatch(1);
        engine.addHandler("long", ctx -> {
            release.await(30, TimeUnit.SECONDS);
            return JobResult.ok();
        });
        InMemoryCluster otherNode = new InMemoryCluster("node-b", harness.cluster.table());

        Job job = engine.enqueue("long", "big", null);
        awaitState(engine, job.id(), JobState.IN_PROGRESS);
        int before = harness.cluster.table().renewals();
        await().until(() -> harness.cluster.table().renewals() >= before + 5);

        assertThat(otherNode.tryLock("instance:big", Duration.ZERO, Duration.ofSeconds(1))).isEmpty();
        assertThat(engine.recoverLostJobs().get()).isZero();
        release.countDown();
        assertThat(engine.awaitFinished(job.id(), Duration.ofSeconds(30)).attempts()).isEqualTo(1);
        await().until(() -> !harness.cluster.table().isHeld("instance:big"));
    }

    @Test
    void whenFinishedOfAnUnknownJobFailsWithNotFound() {
        JobEngine engine = harness.started(FAST);
        assertThatThrownBy(() -> engine.whenFinished("nope").toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NotFoundException.class);
        assertThat(engine.find("nope")).isEmpty();
    }

    @Test
    void refusesABlankTypeAndAPayloadThatIsNotAnObject() {
        JobEngine engine = harness.started(FAST);
        assertThatThrownBy(() -> engine.enqueue(" ", "x", null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> engine.enqueue("t", "x", List.of(1, 2))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("payload");
    }

    @Test
    void listsNewestFirstWithFilters() {
        JobEngine engine = harness.started(FAST);
        Job a = engine.enqueue("nobody-handles-this", "a", null);
        Job b = engine.enqueue("nobody-handles-this", "b", null);
        Job c = engine.enqueue("nobody-handles-this", "a", null);

        assertThat(engine.list(JobFilter.newest(10))).extracting(Job::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(engine.list(JobFilter.newest(10).withInstance("a"))).extracting(Job::id)
                .containsExactly(c.id(), a.id());
        assertThat(engine.list(JobFilter.newest(1))).extracting(Job::id).containsExactly(c.id());
        assertThat(engine.list(JobFilter.newest(10).withState(JobState.COMPLETED))).isEmpty();
        assertThat(engine.list(JobFilter.newest(10).withState(JobState.PENDING))).hasSize(3);
    }

    @Test
    void prunesFinishedJobsOlderThanTheConfiguredAge() throws Exception {
        JobEngine engine = harness.started(FAST.withPruning(Duration.ZERO, Duration.ofMillis(100)));
        engine.addHandler("quick", ctx -> JobResult.ok());
        Job finished = engine.awaitFinished(engine.enqueue("quick", "x", null).id(), Duration.ofSeconds(30));
        Job unfinished = engine.enqueue("unhandled", "y", null);

        await().until(() -> engine.find(finished.id()).isEmpty());
        assertThat(engine.find(unfinished.id())).isPresent();
    }

    @Test
    void pendingJobsSurviveARestart() throws Exception {
        JobEngine first = harness.started(FAST);
        Job job = first.enqueue("later", "web-1", Map.of("k", "v"), JobOptions.defaults().withMaxAttempts(2));
        first.stop();

        JobEngine second = harness.started(FAST);
        List<Object> payloads = new CopyOnWriteArrayList<>();
        second.addHandler("later", ctx -> {
            payloads.add(ctx.payload().get("k"));
            return JobResult.ok();
        });

        Job done = second.awaitFinished(job.id(), Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.maxAttempts()).isEqualTo(2);
        assertThat(payloads).containsExactly("v");
    }

    @Test
    void aDelayedJobWaitsForItsTime() throws Exception {
        JobEngine engine = harness.started(FAST);
        engine.addHandler("tick", ctx -> JobResult.ok());
        Job job = engine.enqueue("tick", null, null, JobOptions.defaults().withDelay(Duration.ofMillis(300)));

        Job done = engine.awaitFinished(job.id(), Duration.ofSeconds(30));
        assertThat(Duration.between(job.createdAt(), done.startedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
