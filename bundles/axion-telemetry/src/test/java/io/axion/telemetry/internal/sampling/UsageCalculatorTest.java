package io.axion.telemetry.internal.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.axion.api.lxd.InstanceStatus;
import io.axion.api.telemetry.InstanceUsage;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageCalculatorTest {
    private static final long SECOND = 1_000_000_000L;
    private final UsageCalculator calculator = new UsageCalculator();
    private final Instant at = Instant.parse("2026-11-27T12:00:00Z");

    private static InstanceTarget target(String name, Integer cpu) {
        return new InstanceTarget(name, InstanceStatus.RUNNING, cpu, 256L * 1024 * 1024, null);
    }

    @Test
    void theFirstSampleHasNoRateYet() {
        InstanceUsage first = calculator.update(target("a", 2), 3 * SECOND, 100, 10 * SECOND, 8, at);
        assertThat(first.cpuPercent()).isNull();
        assertThat(first.cpuPercentOfHost()).isNull();
        assertThat(first.cpuSeconds()).isEqualTo(3.0);
        assertThat(first.memoryBytes()).isEqualTo(100);
        assertThat(first.memoryLimitBytes()).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void cpuIsInPercentOfTheLimitAndOfTheHost() {
        calculator.update(target("a", 2), 0, 100, 0, 8, at);
        // one core busy for one second: half of a 2-core limit, an eighth of an 8-thread host
        InstanceUsage usage = calculator.update(target("a", 2), SECOND, 100, SECOND, 8, at);
        assertThat(usage.cpuCores()).isCloseTo(1.0, within(1e-9));
        assertThat(usage.cpuPercent()).isCloseTo(50.0, within(1e-9));
        assertThat(usage.cpuPercentOfHost()).isCloseTo(12.5, within(1e-9));
    }

    @Test
    void anUnlimitedInstanceIsMeasuredAgainstTheHost() {
        calculator.update(target("a", null), 0, 0, 0, 4, at);
        InstanceUsage usage = calculator.update(target("a", null), 2 * SECOND, 0, SECOND, 4, at);
        assertThat(usage.cpuPercent()).isCloseTo(50.0, within(1e-9));
        assertThat(usage.cpuPercentOfHost()).isCloseTo(50.0, within(1e-9));
        assertThat(usage.cpuLimit()).isNull();
    }

    @Test
    void aCounterThatWentDownStartsOver() {
        calculator.update(target("a", 1), 10 * SECOND, 0, 0, 2, at);
        InstanceUsage restarted = calculator.update(target("a", 1), SECOND / 10, 0, SECOND, 2, at);
        assertThat(restarted.cpuPercent()).isNull();
        InstanceUsage next = calculator.update(target("a", 1), SECOND / 10 + SECOND / 4, 0, 2 * SECOND, 2, at);
        assertThat(next.cpuPercent()).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void aRepeatedSampleRepeatsTheFiguresAndForgottenInstancesStartAfresh() {
        calculator.update(target("a", 1), 0, 0, 0, 2, at);
        InstanceUsage second = calculator.update(target("a", 1), SECOND / 2, 0, SECOND, 2, at);
        assertThat(calculator.update(target("a", 1), SECOND / 2, 0, SECOND, 2, at)).isSameAs(second);

        calculator.retainOnly(Set.of("b"));
        assertThat(calculator.update(target("a", 1), SECOND, 0, 2 * SECOND, 2, at).cpuPercent()).isNull();
    }

    @Test
    void eventJsonIsRoundedAndNamed() {
        InstanceUsage usage = new InstanceUsage("web-1", 12.3456, 3.0864, 0.123456, 1, 12.34567, 1024, null, at);
        var json = usage.toJson();
        assertThat(json.keySet()).containsExactly("name", "cpuPercent", "cpuPercentOfHost", "cpuCores", "cpuLimit",
                "cpuSeconds", "memoryBytes", "memoryLimitBytes", "diskReadBytesPerSecond", "diskWriteBytesPerSecond",
                "netRxBytesPerSecond", "netTxBytesPerSecond");
        assertThat(json).containsEntry("name", "web-1").containsEntry("cpuPercent", 12.35)
                .containsEntry("cpuPercentOfHost", 3.09).containsEntry("cpuLimit", 1).containsEntry("cpuSeconds", 12.346)
                .containsEntry("memoryBytes", 1024L);
        assertThat(json.get("memoryLimitBytes")).isNull();
    }
}
