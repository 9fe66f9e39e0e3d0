package io.axion.telemetry.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.axion.store.internal.SqliteStore;
import io.axion.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention against a real SQLite file, with time simulated by an injected clock. */
class StatsRetentionTest {
    /** README's figure for one instance with every tier full ("Statistics" in README.md). */
    static final long README_BYTES_PER_SERIES = 4L * 1024 * 1024;

    @TempDir
    Path dir;
    SqliteStore store;
    MutableClock clock;
    StatsService stats;
    final SeriesKey web = SeriesKey.instance("web-1");

    @BeforeEach
    void open() {
        store = new SqliteStore(dir.resolve("axion.db"));
        clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
        stats = new StatsService(store, clock, Runnable::run);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void afterTwoDaysTheSecondsAreGoneAndEachTierHoldsItsBoundedBuckets() {
        long start = clock.instant().getEpochSecond();
        long seconds = Duration.ofDays(2).toSeconds();
        double[] values = new double[Metric.COUNT];
        for (long i = 0; i < seconds; i++) {
            long t = start + i;
            values[Metric.CPU.ordinal()] = (t / 3600) % 2 == 0 ? 50 : 150; // 50 % of a core, then 150 %, hourly
            values[Metric.MEMORY.ordinal()] = 64L * 1024 * 1024;
            values[Metric.NET_RX.ordinal()] = Double.NaN; // no network device
            stats.record(web, t, values);
            clock.advance(Duration.ofSeconds(1));
            if (i % 60 == 59) {
                stats.flush();
            }
        }
        stats.flush();

        long now = clock.instant().getEpochSecond();
        assertThat(stats.secondSamples(web)).isEqualTo(Tier.SECOND.capacity());
        assertThat(stats.oldestSecond(web)).isGreaterThanOrEqualTo(now - 600);
        assertThat(stats.storedBuckets(web, Tier.TEN_SECONDS)).isEqualTo(Tier.TEN_SECONDS.capacity());
        assertThat(stats.storedBuckets(web, Tier.MINUTE)).isEqualTo(2 * 24 * 60);
        assertThat(stats.storedBuckets(web, Tier.TEN_MINUTES)).isEqualTo(2 * 24 * 6);
        assertThat(stats.storedBuckets(web, Tier.HOUR)).isEqualTo(2 * 24);

        // A window of two days goes to the 1 min tier; the day before yesterday is no longer in the 10 s tier.
        StatsAnswer twoDays = stats.query(web, Metric.CPU, Instant.ofEpochSecond(start), clock.instant());
        assertThat(twoDays.tier()).isEqualTo(Tier.MINUTE);
        assertThat(twoDays.points()).hasSize(2 * 24 * 60);
        StatsAnswer day = stats.query(web, Metric.CPU, clock.instant().minus(Duration.ofDays(1)), clock.instant());
        assertThat(day.tier()).isEqualTo(Tier.TEN_SECONDS);
        assertThat(day.points().get(0).t()).isGreaterThanOrEqualTo(now - 86_400);
        StatsAnswer lastMinutes = stats.query(web, Metric.CPU, clock.instant().minusSeconds(300), clock.instant());
        assertThat(lastMinutes.tier()).isEqualTo(Tier.SECOND);
        assertThat(lastMinutes.points()).hasSize(300);

        StatsAnswer hours = stats.query(web, Metric.CPU, clock.instant().minus(Duration.ofDays(20)), clock.instant());
        assertThat(hours.tier()).isEqualTo(Tier.TEN_MINUTES);
        StatsPoint hour = stats.query(web, Metric.CPU, clock.instant().minus(Duration.ofDays(300)), clock.instant())
                .points().get(0);
        assertThat(hour.min()).isEqualTo(50);
        assertThat(hour.max()).isEqualTo(50);
        assertThat(hour.avg()).isCloseTo(50, within(0.001));
        assertThat(stats.query(web, Metric.NET_RX, Instant.ofEpochSecond(start), clock.instant()).points()).isEmpty();
    }

    @Test
    void aSeriesWithEveryTierFullTakesLessThanReadmeSays() throws Exception {
        long before = databaseBytes();
        StatsRepository repository = new StatsRepository(store);
        Bucket bucket = new Bucket();
        double[] values = {123.456, 1.5e9, 4096, 8192, 1e6, 2e6};
        List<StatsRepository.Closed> rows = new ArrayList<>();
        long t0 = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();
        for (Tier tier : Tier.values()) {
            if (tier.inMemory()) {
                continue;
            }
            for (int i = 0; i < tier.capacity(); i++) {
                long start = t0 + (long) i * tier.stepSeconds();
                bucket.reset(start);
                bucket.add(values);
                rows.add(new StatsRepository.Closed(web.id(), tier, start, bucket.encode()));
            }
        }
        repository.write(rows, List.of(new StatsRepository.SeriesRow(web, t0)));
        for (Tier tier : Tier.values()) {
            if (!tier.inMemory()) {
                assertThat(repository.count(web.id(), tier)).isEqualTo(tier.capacity());
            }
        }
        long perSeries = databaseBytes() - before;
        System.out.printf("one series with every tier full: %d rows, %d bytes (%.1f bytes a row)%n",
                Tier.storedBuckets(), perSeries, perSeries / (double) Tier.storedBuckets());
        assertThat(perSeries).isLessThan(README_BYTES_PER_SERIES);
    }

    /** The file's size with the write-ahead log folded in. */
    private long databaseBytes() throws Exception {
        store.inTransaction(c -> null);
        try (var c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return Files.size(dir.resolve("axion.db"));
    }
}
