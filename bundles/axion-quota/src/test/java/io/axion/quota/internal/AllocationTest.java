package io.axion.quota.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocationTest {

    @Test
    void sumsInstancesAndReservationsTakingTheLargerPerInstance() {
        Map<String, Amounts> actual = Map.of("a", new Amounts(2, 512), "b", new Amounts(1, 64));
        Map<String, Amounts> reserved = Map.of("b", new Amounts(4, 32), "new", new Amounts(1, 128));
        // a: 2/512; b: max(1,4)/max(64,32) = 4/64; new: 1/128
        assertThat(Allocation.total(actual, reserved)).isEqualTo(new Amounts(7, 704));
    }

    @Test
    void aResizeReplacesTheInstancesOwnFigureInsteadOfAddingToIt() {
        Map<String, Amounts> actual = Map.of("a", new Amounts(2, 512), "b", new Amounts(1, 64));
        assertThat(Allocation.totalWith("a", new Amounts(3, 1024), actual, Map.of())).isEqualTo(new Amounts(4, 1088));
        // Shrinking counts the current (larger) figure until LXD has the new one.
        assertThat(Allocation.totalWith("a", new Amounts(1, 256), actual, Map.of())).isEqualTo(new Amounts(3, 576));
        // A second reservation of the same instance replaces the first.
        assertThat(Allocation.totalWith("c", new Amounts(1, 64), actual, Map.of("c", new Amounts(8, 8000))))
                .isEqualTo(new Amounts(4, 640));
    }

    @Test
    void theShortfallNamesWhatIsShortAndByHowMuch() {
        Amounts limit = new Amounts(8, 1024);
        assertThat(Allocation.shortfall(new Amounts(8, 1024), limit)).isNull();
        assertThat(Allocation.shortfall(new Amounts(9, 100), limit))
                .isEqualTo("cpu: 1 core(s) short (9 needed of a limit of 8)");
        assertThat(Allocation.shortfall(new Amounts(10, 2048), limit))
                .contains("cpu: 2 core(s) short").contains("memoryMiB: 1024 MiB short");
    }
}
