package io.axion.telemetry.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.store.internal.PostgresStore;
import io.axion.testing.MutableClock;
import io.axion.testing.TempPostgresStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same tables on PostgreSQL, the store a cluster shares: its migration, upserts over a ring slot, BYTEA. */
class StatsPostgresTest {
    @RegisterExtension
    static final TempPostgresStore<PostgresStore> STORE = new TempPostgresStore<>(
            db -> new PostgresStore(db.url(), db.user(), db.password()));

    @Test
    void bucketsRoundTripAndARingSlotIsOverwrittenAfterItsRetention() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
        StatsService stats = new StatsService(STORE.get(), clock, Runnable::run);
        SeriesKey host = SeriesKey.host("lxd-1");
        double[] values = new double[Metric.COUNT];
        long start = clock.instant().getEpochSecond();
        for (int i = 0; i < 120; i++) {
            values[Metric.CPU.ordinal()] = i < 60 ? 100 : 200;
            stats.record(host, start + i, values);
            clock.advance(Duration.ofSeconds(1));
            stats.flush();
        }
        StatsAnswer answer = stats.query(host, Metric.CPU, clock.instant().minus(Duration.ofMinutes(30)),
                clock.instant());
        assertThat(answer.tier()).isEqualTo(Tier.TEN_SECONDS);
        assertThat(answer.points()).hasSize(12);
        assertThat(answer.points().get(0).avg()).isEqualTo(100);
        assertThat(answer.points().get(11).avg()).isEqualTo(200);
        assertThat(stats.queryCluster(Metric.CPU, clock.instant().minus(Duration.ofMinutes(30)), clock.instant())
                .points()).hasSize(12);

        // A day later the same slots take the new buckets: the ring never grows.
        clock.advance(Tier.TEN_SECONDS.retention().minusSeconds(120));
        long later = clock.instant().getEpochSecond();
        for (int i = 0; i < 120; i++) {
            stats.record(host, later + i, values);
            clock.advance(Duration.ofSeconds(1));
            stats.flush();
        }
        assertThat(stats.storedBuckets(host, Tier.TEN_SECONDS)).isEqualTo(12);
    }
}
