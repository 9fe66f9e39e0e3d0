package io.axion.bench.jobs;

import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventListener;
import io.axion.api.job.JobResult;
import io.axion.jobs.internal.EngineSettings;
import io.axion.jobs.internal.JobEngine;
import io.axion.store.internal.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The job engine's figures on this machine: persisted no-op jobs per second with 1 and 8 workers, and enqueue
 * latency. SQLite runs as in production (WAL, synchronous=FULL: each commit is fsynced), so every job is durable
 * when enqueue returns. A job counts as done when its COMPLETED state is committed (seen on the event bus, which
 * the engine publishes to after the commit).
 */
public final class JobsBench {
    private static final int WARMUP_JOBS = 3_000;
    /** Flyway logs through java.util.logging; a strong reference keeps the quieter level. */
    private static final java.util.logging.Logger FLYWAY = java.util.logging.Logger.getLogger("org.flywaydb");

    private JobsBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        int jobs = Integer.getInteger("bench.jobs", 20_000);
        int producers = Integer.getInteger("bench.producers", 8);
        int instances = Integer.getInteger("bench.instances", 256);
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", 5);
        Files.createDirectories(dir);
        FLYWAY.setLevel(java.util.logging.Level.WARNING);

        System.out.printf("Axion job engine benchmark: %d cores, SQLite WAL synchronous=FULL, %d no-op jobs over %d "
                + "instances, %d enqueuing threads%n", Runtime.getRuntime().availableProcessors(), jobs, instances,
                producers);
        System.out.printf("load average before: %s%n", loadAverage());
        commitBaseline(dir);
        for (int workers : new int[] {1, 8}) {
            throughput(dir, workers, jobs, producers, instances);
        }
        paced(dir, 8, rate, seconds, instances);
        System.out.printf("load average after: %s%n", loadAverage());
    }

    /** The floor under any durable enqueue: one small SQLite transaction, committed and fsynced, one at a time. */
    private static void commitBaseline(Path dir) throws Exception {
        Path db = dir.resolve("baseline.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        SqliteStore store = new SqliteStore(db);
        try {
            store.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (v TEXT)"));
            long[] commits = new long[1_000];
            for (int i = 0; i < commits.length; i++) {
                long t0 = System.nanoTime();
                store.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES ('x')"));
                commits[i] = System.nanoTime() - t0;
            }
            System.out.printf("baseline: one-row SQLite commit (fsync) p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    millis(commits, 0.50), millis(commits, 0.99), millis(commits, 1.0));
        } finally {
            store.close();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** As many jobs as the producers can enqueue; jobs/s from the first enqueue to the last COMPLETED commit. */
    private static void throughput(Path dir, int workers, int jobs, int producers, int instances) throws Exception {
        try (Run run = new Run(dir.resolve("throughput-" + workers + ".db"), workers)) {
            run.enqueueAndWait(WARMUP_JOBS, producers, instances, null);
            long[] latencies = new long[jobs];
            long[] before = run.engine.writerCounters();
            long start = System.nanoTime();
            run.enqueueAndWait(jobs, producers, instances, latencies);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] after = run.engine.writerCounters();
            long commits = after[0] - before[0];
            System.out.printf("workers=%d: %,d jobs in %.2f s = %,.0f jobs/s; enqueue latency p50 %.2f ms, p99 %.2f ms, "
                    + "max %.2f ms; %,d commits (%.1f writes each)%n", workers, jobs, elapsed, jobs / elapsed,
                    millis(latencies, 0.50), millis(latencies, 0.99), millis(latencies, 1.0), commits,
                    (after[1] - before[1]) / (double) commits);
        }
    }

    /** A steady arrival rate, as an API under load would see: enqueue latency and how soon a job starts. */
    private static void paced(Path dir, int workers, int rate, int seconds, int instances) throws Exception {
        try (Run run = new Run(dir.resolve("paced.db"), workers)) {
            run.enqueueAndWait(WARMUP_JOBS, 4, instances, null);
            int jobs = rate * seconds;
            long[] latencies = new long[jobs];
            run.startDelays = new long[jobs];
            run.completed.drainPermits();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                long t0 = System.nanoTime();
                run.engine.enqueue("noop", "inst-" + (i % instances), Map.of("i", i, "t", t0));
                latencies[i] = System.nanoTime() - t0;
            }
            run.completed.acquire(jobs);
            System.out.printf("paced %d jobs/s for %d s, %d workers: enqueue latency p50 %.2f ms, p99 %.2f ms, "
                    + "max %.2f ms; enqueue-to-handler-start p50 %.2f ms, p99 %.2f ms%n", rate, seconds, workers,
                    millis(latencies, 0.50), millis(latencies, 0.99), millis(latencies, 1.0),
                    millis(run.startDelays, 0.50), millis(run.startDelays, 0.99));
        }
    }

    private static double millis(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** One engine on a fresh database, with a no-op handler and a bus that counts COMPLETED jobs. */
    private static final class Run implements AutoCloseable {
        final SqliteStore store;
        final JobEngine engine;
        final Semaphore completed = new Semaphore(0);
        volatile long[] startDelays;

        Run(Path db, int workers) throws IOException {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
            store = new SqliteStore(db);
            EventBus bus = new EventBus() {
                @Override
                public void publish(AxionEvent event) {
                    if ("COMPLETED".equals(event.data().get("state"))) {
                        completed.release();
                    }
                }

                @Override
                public Subscription subscribe(Set<String> channels, EventListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
            engine = new JobEngine(store, new LocalClusterService(), () -> bus, EngineSettings.defaults()
                    .withWorkers(workers));
            engine.addHandler("noop", ctx -> {
                long[] delays = startDelays;
                Object sent = ctx.payload().get("t");
                if (delays != null && sent instanceof Number t) {
                    delays[((Number) ctx.payload().get("i")).intValue()] = System.nanoTime() - t.longValue();
                }
                return JobResult.ok();
            });
            engine.start();
        }

        void enqueueAndWait(int jobs, int producers, int instances, long[] latencies) throws Exception {
            completed.drainPermits();
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                done.add(pool.submit(() -> {
                    for (int i = producer; i < jobs; i += producers) {
                        long t0 = System.nanoTime();
                        engine.enqueue("noop", "inst-" + (i % instances), Map.of("i", i));
                        if (latencies != null) {
                            latencies[i] = System.nanoTime() - t0;
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            completed.acquire(jobs);
        }

        @Override
        public void close() {
            engine.stop();
            store.close();
        }
    }
}
