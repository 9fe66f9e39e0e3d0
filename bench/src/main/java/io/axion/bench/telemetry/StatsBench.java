package io.axion.bench.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.store.internal.SqliteStore;
import io.axion.telemetry.internal.stats.Metric;
import io.axion.telemetry.internal.stats.SeriesKey;
import io.axion.telemetry.internal.stats.StatsAnswer;
import io.axion.telemetry.internal.stats.StatsService;
import io.axion.telemetry.internal.stats.Tier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of keeping every statistics tier for 500 instances (target: at most 2% of one core) and of a one-year
 * query (target: at most 50 ms). The 500 instances' 1 s samples are simulated in-process, as fast as they go, against
 * the production {@link StatsService} on a real SQLite file; the figure is the CPU time of the recording thread and
 * of the writer thread per simulated second of data. The query is the API's path for {@code from=-1y}: the 1 h
 * tier's 8,760 buckets read, decoded and written as JSON.
 */
public final class StatsBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatsBench() {
    }

    public static void main(String[] args) throws Exception {
        int instances = Integer.getInteger("bench.statsInstances", 500);
        int seconds = Integer.getInteger("bench.statsSeconds", 3_600);
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                "stats-bench");
        try (SqliteStore store = new SqliteStore(dir.resolve("axion.db"))) {
            keepingEveryTier(store, instances, seconds);
            oneYearQuery(store);
        }
    }

    private static void keepingEveryTier(SqliteStore store, int instances, int seconds) throws Exception {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicLong writerThread = new AtomicLong();
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "stats-writer");
            writerThread.set(thread.getId());
            return thread;
        });
        StatsService stats = new StatsService(store, clock, writer);
        SeriesKey[] keys = new SeriesKey[instances];
        for (int i = 0; i < instances; i++) {
            keys[i] = SeriesKey.instance("bench-" + i);
        }
        SeriesKey host = SeriesKey.host("local");
        double[] values = new double[Metric.COUNT];
        int warmup = 600;
        long recordCpu = 0;
        long writerCpuBefore = 0;
        long wallStart = 0;
        for (int s = 0; s < warmup + seconds; s++) {
            if (s == warmup) {
                drain(writer);
                writerCpuBefore = THREADS.getThreadCpuTime(writerThread.get());
                wallStart = System.nanoTime();
            }
            long started = THREADS.getCurrentThreadCpuTime();
            long t = clock.instant().getEpochSecond();
            for (int i = 0; i < instances; i++) {
                values[0] = (i + s) % 100;
                values[1] = 64e6 + i;
                values[2] = i;
                values[3] = 2 * i;
                values[4] = Double.NaN;
                values[5] = Double.NaN;
                stats.record(keys[i], t, values);
            }
            stats.record(host, t, values);
            stats.flush();
            if (s >= warmup) {
                recordCpu += THREADS.getCurrentThreadCpuTime() - started;
            }
            clock.advance(1);
        }
        drain(writer);
        long writerCpu = THREADS.getThreadCpuTime(writerThread.get()) - writerCpuBefore;
        long wall = System.nanoTime() - wallStart;
        writer.shutdown();
        double perSecond = (recordCpu + writerCpu) / (double) seconds;
        System.out.printf("stats: keeping every tier for %d instances over %d simulated seconds (%.1f s wall)%n",
                instances, seconds, wall / 1e9);
        System.out.printf("  CPU per second of data: %.3f ms (record + flush %.3f ms, SQLite writer %.3f ms) = %.2f%% "
                        + "of one core (target <= 2%%)%n", perSecond / 1e6, recordCpu / 1e6 / seconds,
                writerCpu / 1e6 / seconds, perSecond / 1e7);
        System.out.printf("  rows of one instance now: 10 s %d, 1 min %d, 10 min %d, 1 h %d%n",
                stats.storedBuckets(keys[0], Tier.TEN_SECONDS), stats.storedBuckets(keys[0], Tier.MINUTE),
                stats.storedBuckets(keys[0], Tier.TEN_MINUTES), stats.storedBuckets(keys[0], Tier.HOUR));
    }

    /** A year of one series (a sample every 10 minutes fills the 1 h and 10 min tiers), then from=-1y, timed. */
    private static void oneYearQuery(SqliteStore store) {
        SimulatedClock clock = new SimulatedClock(Instant.parse("2025-01-01T00:00:00Z"));
        StatsService stats = new StatsService(store, clock, Runnable::run);
        SeriesKey key = SeriesKey.instance("bench-year");
        double[] values = new double[Metric.COUNT];
        long year = Duration.ofDays(365).toSeconds();
        for (long s = 0; s < year; s += 600) {
            values[0] = s % 7_200 / 72.0;
            values[1] = 1e9;
            stats.record(key, clock.instant().getEpochSecond(), values);
            stats.flush();
            clock.advance(600);
        }
        int runs = 30;
        long[] nanos = new long[runs];
        int points = 0;
        int bytes = 0;
        for (int r = 0; r < runs; r++) {
            long started = System.nanoTime();
            StatsAnswer answer = stats.query(key, Metric.CPU, clock.instant().minus(Duration.ofDays(365)),
                    clock.instant());
            try {
                bytes = JSON.writeValueAsBytes(answer.toJson()).length;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            nanos[r] = System.nanoTime() - started;
            points = answer.points().size();
        }
        Arrays.sort(nanos);
        System.out.printf("stats: one-year query (1 h tier, %d points, %d bytes of JSON): median %.1f ms, max %.1f ms "
                + "over %d runs (target <= 50 ms)%n", points, bytes, nanos[runs / 2] / 1e6, nanos[runs - 1] / 1e6, runs);
    }

    private static void drain(ExecutorService writer) throws Exception {
        writer.submit(() -> { }).get(1, TimeUnit.MINUTES);
    }

    private static final class SimulatedClock extends Clock {
        private Instant now;

        SimulatedClock(Instant start) {
            now = start;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
