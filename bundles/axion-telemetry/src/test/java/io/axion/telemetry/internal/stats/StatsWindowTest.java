package io.axion.telemetry.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.AxionException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsWindowTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void relativeAndRfc3339TimesWithDefaults() {
        assertThat(StatsWindow.parse("-1h", null, NOW)).isEqualTo(new StatsWindow(NOW.minusSeconds(3600), NOW));
        assertThat(StatsWindow.parse(null, null, NOW).from()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(StatsWindow.parse("-7d", "-1d", NOW))
                .isEqualTo(new StatsWindow(NOW.minusSeconds(7 * 86_400), NOW.minusSeconds(86_400)));
        assertThat(StatsWindow.parse("2026-03-01T10:00:00+01:00", "now", NOW).from())
                .isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(StatsWindow.parse("-1y", null, NOW).from()).isEqualTo(NOW.minusSeconds(31_536_000));
    }

    @Test
    void unreadableTimesAre400AndABackwardWindow422() {
        assertThatThrownBy(() -> StatsWindow.parse("yesterday", null, NOW)).isInstanceOf(AxionException.class)
                .extracting(e -> ((AxionException) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> StatsWindow.parse("-1x", null, NOW))
                .extracting(e -> ((AxionException) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> StatsWindow.parse("-1h", "-2h", NOW))
                .extracting(e -> ((AxionException) e).status()).isEqualTo(422);
    }

    @Test
    void theTierFollowsTheWindow() {
        assertThat(Tier.forSpan(600)).isEqualTo(Tier.SECOND);
        assertThat(Tier.forSpan(601)).isEqualTo(Tier.TEN_SECONDS);
        assertThat(Tier.forSpan(86_400)).isEqualTo(Tier.TEN_SECONDS);
        assertThat(Tier.forSpan(7 * 86_400)).isEqualTo(Tier.MINUTE);
        assertThat(Tier.forSpan(30 * 86_400)).isEqualTo(Tier.TEN_MINUTES);
        assertThat(Tier.forSpan(365 * 86_400)).isEqualTo(Tier.HOUR);
        assertThat(Tier.forSpan(10L * 365 * 86_400)).isEqualTo(Tier.HOUR);
        assertThat(Tier.storedBuckets()).isEqualTo(31_800);
    }
}
