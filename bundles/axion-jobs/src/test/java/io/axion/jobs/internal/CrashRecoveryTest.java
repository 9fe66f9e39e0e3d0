package io.axion.jobs.internal;

import static io.axion.jobs.internal.EngineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.job.Job;
import io.axion.api.job.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the engine runs in a child JVM, its job enters IN_PROGRESS and acts, the JVM dies by SIGKILL; a new
 * engine on the same database completes the job, and the side effect happened exactly once.
 */
class CrashRecoveryTest {
    static final EngineSettings SETTINGS = EngineHarness.FAST.withLease(Duration.ofSeconds(2));

    @TempDir
    Path dir;
    EngineHarness harness;
    Process child;

    @BeforeEach
    void open() {
        harness = new EngineHarness(dir);
    }

    @AfterEach
    void close() {
        if (child != null) {
            child.destroyForcibly();
        }
        harness.close();
    }

    @Test
    void aJobKilledMidRunCompletesAfterRestartWithItsSideEffectDoneOnce() throws Exception {
        Path sideEffects = dir.resolve("side-effects.txt");
        Path marker = dir.resolve("acted");
        child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), harness.db.toString(), sideEffects.toString(), marker.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(marker) || !child.isAlive());
        assertThat(child.isAlive()).as("child JVM alive; its log: %s", childLog()).isTrue();
        String id = Files.readString(marker);
        JobEngine observer = harness.engine(SETTINGS);
        // The claim is group-committed while the handler already runs: wait for it to be durable.
        await().until(() -> observer.find(id).orElseThrow().state() == JobState.IN_PROGRESS);
        Job running = observer.find(id).orElseThrow();
        assertThat(running.node()).isEqualTo("child-node");

        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        JobEngine engine = harness.engine(SETTINGS);
        engine.addHandler("append-once", new AppendOnceHandler(sideEffects, marker, false));
        engine.start();

        Job done = engine.awaitFinished(id, Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.node()).isEqualTo("node-a");
        assertThat(done.log()).anyMatch(line -> line.contains("attempt 1 lost: its worker on child-node"))
                .anyMatch(line -> line.endsWith("side effect already present: nothing to do"))
                .anyMatch(line -> line.contains("attempt 2 succeeded: found done"));
        assertThat(Files.readAllLines(sideEffects)).containsExactly(id);
    }

    private String childLog() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
