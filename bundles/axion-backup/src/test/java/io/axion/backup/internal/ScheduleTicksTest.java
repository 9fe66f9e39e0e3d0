package io.axion.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTicksTest {

    @Test
    void everyMinuteTicksOnTheMinute() {
        assertThat(CronTicks.parse("cron", "* * * * *").latestTick(Instant.parse("2026-06-30T12:34:56Z")))
                .contains(Instant.parse("2026-06-30T12:34:00Z"));
        assertThat(CronTicks.parse("cron", "* * * * *").latestTick(Instant.parse("2026-06-30T12:34:00Z")))
                .contains(Instant.parse("2026-06-30T12:34:00Z"));
    }

    @Test
    void nicknamesAndFields() {
        Instant now = Instant.parse("2026-06-30T12:34:56Z");
        assertThat(CronTicks.parse("cron", "@hourly").latestTick(now)).contains(Instant.parse("2026-06-30T12:00:00Z"));
        assertThat(CronTicks.parse("cron", "@daily").latestTick(now)).contains(Instant.parse("2026-06-30T00:00:00Z"));
        assertThat(CronTicks.parse("cron", "15 3 * * *").latestTick(now)).contains(Instant.parse("2026-06-30T03:15:00Z"));
        assertThat(CronTicks.parse("cron", "*/10 * * * *").latestTick(now)).contains(Instant.parse("2026-06-30T12:30:00Z"));
    }

    @Test
    void aTickIsDueOnlyForTheCatchUpWindow() {
        assertThat(ScheduleTicker.due("@hourly", Instant.parse("2026-06-30T12:04:59Z")))
                .contains(Instant.parse("2026-06-30T12:00:00Z"));
        assertThat(ScheduleTicker.due("@hourly", Instant.parse("2026-06-30T12:05:01Z"))).isEmpty();
    }

    @Test
    void everyCheckWithinOneMinuteGivesTheSameTick() {
        Instant start = Instant.parse("2026-06-30T12:34:00Z");
        for (int second = 0; second < 60; second += 5) {
            assertThat(ScheduleTicker.due("* * * * *", start.plusSeconds(second))).contains(start);
        }
        assertThat(ScheduleTicker.due("* * * * *", start.plusSeconds(60))).contains(start.plusSeconds(60));
    }

    @Test
    void badInputIsAValidationError() {
        assertThatThrownBy(() -> CronTicks.parse("snapshots.cron", "every day")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("snapshots.cron");
        assertThatThrownBy(() -> CronTicks.parse("snapshots.cron", " ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Schedules(new Schedules.SnapshotSchedule("@daily", "7 days", 3), null).validated())
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Schedules(null, new Schedules.BackupSchedule("@daily", "tape", 3)).validated())
                .isInstanceOf(ValidationException.class);
        assertThat(Schedules.expiryOf("2w")).hasDays(14);
    }
}
