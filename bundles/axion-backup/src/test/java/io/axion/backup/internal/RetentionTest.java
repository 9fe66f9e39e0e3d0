package io.axion.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.lxd.SnapshotInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    final Instant now = Instant.parse("2026-06-30T12:00:00Z"); // a Tuesday
    final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    /** One backup a day at 03:00 for 120 days. */
    List<Instant> daily() {
        List<Instant> days = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            days.add(Instant.parse("2026-06-30T03:00:00Z").minus(Duration.ofDays(i)));
        }
        return days;
    }

    @Test
    void keepsLastDailyWeeklyMonthlyExactly() {
        var kept = new Retention(2, 3, 2, 3).keep(daily(), t -> t, clock);
        assertThat(kept).containsExactlyInAnyOrder(
                Instant.parse("2026-06-30T03:00:00Z"), // last 2, daily 3, weekly (its ISO week), monthly (June)
                Instant.parse("2026-06-29T03:00:00Z"), // last 2, daily 3
                Instant.parse("2026-06-28T03:00:00Z"), // daily 3, newest of week 26 (Sunday 28th)
                Instant.parse("2026-05-31T03:00:00Z"), // newest of May
                Instant.parse("2026-04-30T03:00:00Z")); // newest of April (June's is the 30th)
    }

    @Test
    void keepLastOnlyKeepsTheNewestN() {
        var kept = new Retention(3, 0, 0, 0).keep(daily(), t -> t, clock);
        assertThat(kept).containsExactly(Instant.parse("2026-06-30T03:00:00Z"),
                Instant.parse("2026-06-29T03:00:00Z"), Instant.parse("2026-06-28T03:00:00Z"));
    }

    @Test
    void severalInOneDayCountOnceForDaily() {
        List<Instant> items = List.of(Instant.parse("2026-06-30T01:00:00Z"), Instant.parse("2026-06-30T02:00:00Z"),
                Instant.parse("2026-06-29T23:00:00Z"), Instant.parse("2026-06-28T23:00:00Z"));
        var kept = new Retention(0, 2, 0, 0).keep(items, t -> t, clock);
        assertThat(kept).containsExactlyInAnyOrder(Instant.parse("2026-06-30T02:00:00Z"),
                Instant.parse("2026-06-29T23:00:00Z"));
    }

    @Test
    void itemsFromTheFutureAreKept() {
        Instant ahead = now.plusSeconds(60);
        var kept = new Retention(0, 0, 0, 0).keep(List.of(ahead, now.minusSeconds(60)), t -> t, clock);
        assertThat(kept).containsExactly(ahead);
    }

    @Test
    void snapshotPruningDropsExpiredAndBeyondKeepButNeverManualOnes() {
        List<SnapshotInfo> snapshots = List.of(
                new SnapshotInfo("auto-20260630-1100", now.minus(Duration.ofHours(1)), false),
                new SnapshotInfo("auto-20260630-1000", now.minus(Duration.ofHours(2)), false),
                new SnapshotInfo("auto-20260630-0900", now.minus(Duration.ofHours(3)), false),
                new SnapshotInfo("auto-20260620-0900", now.minus(Duration.ofDays(10)), false),
                new SnapshotInfo("before-upgrade", now.minus(Duration.ofDays(30)), false));
        assertThat(SnapshotPruning.toDelete(snapshots, Duration.ofDays(7), 0, clock))
                .containsExactly("auto-20260620-0900");
        assertThat(SnapshotPruning.toDelete(snapshots, null, 2, clock))
                .containsExactly("auto-20260630-0900", "auto-20260620-0900");
        assertThat(SnapshotPruning.toDelete(snapshots, Duration.ofMinutes(150), 1, clock))
                .containsExactly("auto-20260630-1000", "auto-20260630-0900", "auto-20260620-0900");
    }
}
