package io.axion.telemetry.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.telemetry.InstanceUsage;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant's host and cluster statistics sum its own instances only (issue 16: statistics are scoped). */
class TenantStatsTest {
    @TempDir
    Path dir;
    SqliteStore store;
    MutableClock clock;
    StatsService stats;

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

    private static InstanceUsage usage(String name, double cores, long memory) {
        return new InstanceUsage(name, cores * 100, null, cores, null, 0, memory, null, Instant.EPOCH);
    }

    /** A minute of sweeps: lab's a (1 core) and b (0.5) and default's c (2 cores, no tenant) on lxd-1, lab's d on lxd-2. */
    private void sweepForAMinute() {
        Map<String, String> tenants = Map.of("a", "lab", "b", "lab", "d", "lab");
        for (int i = 0; i < 60; i++) {
            long now = clock.instant().getEpochSecond();
            SweepRecorder.record(stats, "lxd-1", List.of(usage("a", 1, 100), usage("b", 0.5, 50), usage("c", 2, 400)),
                    now, tenants::get);
            SweepRecorder.record(stats, "lxd-2", List.of(usage("d", 0.25, 10)), now, tenants::get);
            stats.flush();
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void eachTenantSeesItsShareOfAHostAndOfTheCluster() {
        sweepForAMinute();
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofMinutes(5));

        assertThat(last(stats.query(SeriesKey.host("lxd-1"), Metric.CPU, from, to))).isEqualTo(350);
        assertThat(last(stats.query(SeriesKey.tenantOnHost("lab", "lxd-1"), Metric.CPU, from, to))).isEqualTo(150);
        assertThat(last(stats.query(SeriesKey.tenantOnHost("default", "lxd-1"), Metric.CPU, from, to)))
                .isEqualTo(200);
        assertThat(last(stats.query(SeriesKey.tenantOnHost("lab", "lxd-1"), Metric.MEMORY, from, to)))
                .isEqualTo(150);

        assertThat(last(stats.queryCluster(Metric.CPU, from, to))).isEqualTo(375);
        assertThat(last(stats.queryTenant("lab", Metric.CPU, from, to))).isEqualTo(175);
        assertThat(last(stats.queryTenant("default", Metric.CPU, from, to))).isEqualTo(200);
        // A tenant whose name starts like another's sees nothing of it.
        assertThat(stats.queryTenant("la", Metric.CPU, from, to).points()).isEmpty();
    }

    @Test
    void theStoredTiersKeepTheTenantSeriesToo() {
        sweepForAMinute();
        clock.advance(Duration.ofMinutes(20)); // past the in-memory tier: the 10 s buckets come from the store
        Instant to = clock.instant();
        assertThat(stats.queryTenant("lab", Metric.CPU, to.minus(Duration.ofMinutes(30)), to).points())
                .isNotEmpty().allSatisfy(p -> assertThat(p.avg()).isEqualTo(175));
    }

    @Test
    void withoutAnInstanceViewNoTenantSeriesIsKept() {
        long now = clock.instant().getEpochSecond();
        SweepRecorder.record(stats, "lxd-1", List.of(usage("a", 1, 100)), now);
        stats.flush();
        Instant to = clock.instant().plusSeconds(1);
        assertThat(stats.queryTenant("default", Metric.CPU, to.minusSeconds(60), to).points()).isEmpty();
        assertThat(stats.queryCluster(Metric.CPU, to.minusSeconds(60), to).points()).isNotEmpty();
    }

    private static double last(StatsAnswer answer) {
        assertThat(answer.points()).isNotEmpty();
        return answer.points().get(answer.points().size() - 1).avg();
    }
}
