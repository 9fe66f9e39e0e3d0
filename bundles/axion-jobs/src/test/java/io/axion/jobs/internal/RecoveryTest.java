package io.axion.jobs.internal;

import static io.axion.jobs.internal.EngineHarness.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.job.Job;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs whose worker died (another engine's lease ran out) go back to PENDING and run again. */
class RecoveryTest {
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

    @Test
    void aRunningEngineRecoversAJobWhoseLeaseExpired() throws Exception {
        JobEngine engine = harness.started(FAST);
        engine.addHandler("create", ctx -> JobResult.ok());
        // A job that a node which then died was running, written behind the running engine's back.
        String id = insertRunningJob("create", "web-1", 1, 3, System.currentTimeMillis() + 300);

        Job done = engine.awaitFinished(id, Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.log()).anyMatch(line -> line.contains("attempt 1 lost: its worker on dead-node stopped "
                + "renewing the lease; the job runs again"));
        assertThat(harness.bus.statesOf(id)).containsExactly("PENDING", "IN_PROGRESS", "COMPLETED");
    }

    @Test
    void aLostLastAttemptFailsTheJob() throws Exception {
        JobEngine engine = harness.started(FAST);
        engine.addHandler("create", ctx -> JobResult.ok());
        String id = insertRunningJob("create", "web-1", 1, 1, System.currentTimeMillis() - 1);

        Job done = engine.awaitFinished(id, Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.error()).isEqualTo("worker lost during the last attempt");
    }

    @Test
    void atBootAJobHeldByADeadEngineStillRunsBeforeTheNextJobOfItsInstance() throws Exception {
        harness.store.migrate("jobs", JobEngine.class, "db/jobs");
        String held = insertRunningJob("step", "web-1", 1, 3, System.currentTimeMillis() + 500);
        JobEngine first = harness.started(FAST);
        String next = first.enqueue("step", "web-1", null).id();
        first.stop();

        List<String> ran = new CopyOnWriteArrayList<>();
        JobEngine engine = harness.engine(FAST);
        engine.addHandler("step", ctx -> {
            ran.add(ctx.id());
            return JobResult.ok();
        });
        engine.start();

        engine.awaitFinished(next, Duration.ofSeconds(30));
        assertThat(engine.find(held).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(ran).containsExactly(held, next);
    }

    @Test
    void jobsOfAnEarlierRunOfThisNodeRunAgainAtOnceWithoutWaitingForTheirLease() throws Exception {
        harness.store.migrate("jobs", JobEngine.class, "db/jobs");
        String id = insertRunningJob("create", "web-1", 1, 3, System.currentTimeMillis() + 120_000, "node-a");
        JobEngine engine = harness.engine(FAST);
        engine.addHandler("create", ctx -> JobResult.ok());
        engine.start();

        Job done = engine.awaitFinished(id, Duration.ofSeconds(20));
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.log()).anyMatch(line -> line.contains("attempt 1 lost: node node-a restarted during it"));
    }

    private String insertRunningJob(String type, String instance, int attempts, int maxAttempts, long leaseExpiresAt)
            throws SQLException {
        return insertRunningJob(type, instance, attempts, maxAttempts, leaseExpiresAt, "dead-node");
    }

    private String insertRunningJob(String type, String instance, int attempts, int maxAttempts, long leaseExpiresAt,
                                    String node) throws SQLException {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        try (Connection c = harness.store.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO jobs (id, type, instance, state, attempts, "
                     + "max_attempts, next_run_at, lease_owner, lease_expires_at, created_at, started_at, node) "
                     + "VALUES (?, ?, ?, 'IN_PROGRESS', ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, type);
            insert.setString(3, instance);
            insert.setInt(4, attempts);
            insert.setInt(5, maxAttempts);
            insert.setLong(6, now);
            insert.setString(7, node + "/earlier-run");
            insert.setLong(8, leaseExpiresAt);
            insert.setLong(9, now);
            insert.setLong(10, now);
            insert.setString(11, node);
            insert.executeUpdate();
        }
        return id;
    }
}
