package io.axion.jobs.internal;

import static io.axion.jobs.internal.EngineHarness.FAST;
import static io.axion.jobs.internal.EngineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.job.Job;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobState;
import io.axion.testing.InMemoryCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two engines over one store and one bus, as two nodes: a job runs on its host's owner, and moves when it dies. */
class HostRoutingTest {
    @TempDir
    Path dir;
    EngineHarness harness;
    JobEngine a;
    JobEngine b;
    InMemoryCluster clusterB;
    final List<String> ranOn = new CopyOnWriteArrayList<>();

    @BeforeEach
    void twoNodes() {
        harness = new EngineHarness(dir);
        clusterB = new InMemoryCluster("node-b", harness.cluster.table());
        a = harness.started(FAST);
        b = new JobEngine(harness.store, clusterB, () -> harness.bus, FAST);
        b.start();
        harness.bus.subscribe(java.util.Set.of("jobs"), event -> {
            a.jobChanged(event.data());
            b.jobChanged(event.data());
        });
        a.addHandler("work", ctx -> {
            ranOn.add("node-a:" + ctx.id());
            return JobResult.ok();
        });
        b.hostAcquired("h2");
    }

    @AfterEach
    void close() {
        b.stop();
        harness.close();
    }

    @Test
    void aJobEnqueuedAnywhereRunsOnItsHostsOwner() throws Exception {
        b.addHandler("work", ctx -> {
            // The handler is told which host it acts on (a migration reads its source from it).
            ranOn.add("node-b:" + ctx.id() + (ctx.host() == null ? "" : "@" + ctx.host()));
            return JobResult.ok();
        });
        Job remote = a.enqueue("work", "web", Map.of(), JobOptions.onHost("h2"));
        Job local = a.enqueue("work", "db", Map.of(), JobOptions.defaults());

        Job done = a.awaitFinished(remote.id(), Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.node()).isEqualTo("node-b");
        assertThat(done.host()).isEqualTo("h2");
        // A job bound to no host is free for any node: whichever claims it first runs it, once.
        Job localDone = a.awaitFinished(local.id(), Duration.ofSeconds(30));
        assertThat(localDone.state()).isEqualTo(JobState.COMPLETED);
        String localRun = localDone.node() + ":" + local.id();
        assertThat(ranOn).containsExactlyInAnyOrder("node-b:" + remote.id() + "@h2", localRun);
    }

    @Test
    void whenTheOwnerLeavesTheClusterItsRunningJobRunsOnceMoreOnTheNewOwner() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        b.addHandler("work", ctx -> {
            started.countDown();
            stuck.await();
            ranOn.add("node-b:" + ctx.id());
            return JobResult.ok();
        });
        Job job = a.enqueue("work", "web", Map.of(), JobOptions.onHost("h2"));
        started.await();

        // node-b stops answering: the failure detector removes it, and node-a takes its host over.
        clusterB.leave();
        a.hostAcquired("h2");

        Job done = a.awaitFinished(job.id(), Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.node()).isEqualTo("node-a");
        assertThat(done.attempts()).isEqualTo(2);
        stuck.countDown();
        await().until(() -> ranOn.size() == 2);
        // node-b's late outcome is refused: its lease was taken away.
        assertThat(a.find(job.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(a.find(job.id()).orElseThrow().node()).isEqualTo("node-a");
    }

    @Test
    void aHostGivenUpStopsStartingItsJobsHere() {
        b.hostReleased("h2");
        Job job = a.enqueue("work", "web", Map.of(), JobOptions.onHost("h2"));
        a.hostAcquired("h2");
        Job done = await().until(() -> a.find(job.id()).orElseThrow(), Job::finished);
        assertThat(done.node()).isEqualTo("node-a");
    }
}
