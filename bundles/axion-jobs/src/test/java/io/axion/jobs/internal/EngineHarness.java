package io.axion.jobs.internal;

import io.axion.api.job.Job;
import io.axion.api.job.JobState;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.InMemoryCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Engines on a temporary SQLite file, closed after each test. */
final class EngineHarness implements AutoCloseable {
    /** Fast settings for tests: short lease, backoff and lock retry. */
    static final EngineSettings FAST = EngineSettings.defaults()
            .withWorkers(4)
            .withLease(Duration.ofSeconds(2))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
            .withLockRetry(Duration.ofMillis(50))
            .withRecoveryInterval(Duration.ofMillis(200))
            .withShutdownGrace(Duration.ofSeconds(2));

    final Path db;
    final SqliteStore store;
    final CapturingEventBus bus = new CapturingEventBus();
    final InMemoryCluster cluster;
    private final List<JobEngine> engines = new ArrayList<>();

    EngineHarness(Path dir) {
        this.db = dir.resolve("axion.db");
        this.store = new SqliteStore(db);
        this.cluster = new InMemoryCluster("node-a");
    }

    JobEngine engine(EngineSettings settings) {
        JobEngine engine = new JobEngine(store, cluster, () -> bus, settings);
        engines.add(engine);
        return engine;
    }

    JobEngine started(EngineSettings settings) {
        JobEngine engine = engine(settings);
        engine.start();
        return engine;
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10));
    }

    static Job awaitState(JobEngine engine, String id, JobState state) {
        await().until(() -> engine.find(id).map(Job::state).orElse(null) == state);
        return engine.find(id).orElseThrow();
    }

    @Override
    public void close() {
        engines.forEach(JobEngine::stop);
        store.close();
    }
}
