package io.axion.jobs.internal;

import io.axion.api.job.JobOptions;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.InMemoryCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The engine in a JVM of its own, to be killed by {@link CrashRecoveryTest}: enqueues one job whose handler acts,
 * then hangs. Arguments: database file, side-effect file, marker file (written with the job id once it acted).
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Path sideEffects = Path.of(args[1]);
        Path marker = Path.of(args[2]);
        SqliteStore store = new SqliteStore(db);
        JobEngine engine = new JobEngine(store, new InMemoryCluster("child-node"), () -> null,
                CrashRecoveryTest.SETTINGS);
        engine.addHandler("append-once", new AppendOnceHandler(sideEffects, marker, true));
        engine.start();
        engine.enqueue("append-once", "victim", Map.of(), JobOptions.defaults().withMaxAttempts(3));
        Thread.sleep(Duration.ofMinutes(5).toMillis()); // the test kills this JVM long before
        Files.writeString(marker.resolveSibling("child-timed-out"), "");
        System.exit(1);
    }
}
