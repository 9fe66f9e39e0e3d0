package io.axion.lxd.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SizesTest {

    @Test
    void parsesLxdSizes() {
        assertThat(Sizes.parseBytes("512MiB")).isEqualTo(512L * 1024 * 1024);
        assertThat(Sizes.parseBytes("1GB")).isEqualTo(1_000_000_000L);
        assertThat(Sizes.parseBytes("1.5GiB")).isEqualTo(1536L * 1024 * 1024);
        assertThat(Sizes.parseBytes("1048576")).isEqualTo(1048576L);
        assertThat(Sizes.parseBytes("50%")).isNull();
        assertThat(Sizes.parseBytes("")).isNull();
        assertThat(Sizes.parseBytes("lots")).isNull();
        assertThat(Sizes.mebibytes("2GiB")).isEqualTo(2048L);
        assertThat(Sizes.gibibytes("10GiB")).isEqualTo(10L);
        assertThat(Sizes.memoryLimit(256)).isEqualTo("256MiB");
        assertThat(Sizes.diskSize(4)).isEqualTo("4GiB");
    }

    @Test
    void countsCpus() {
        assertThat(Sizes.cpuCount("2")).isEqualTo(2);
        assertThat(Sizes.cpuCount("0-3")).isEqualTo(4);
        assertThat(Sizes.cpuCount("0-1,4,6-7")).isEqualTo(5);
        assertThat(Sizes.cpuCount("")).isNull();
        assertThat(Sizes.cpuCount("x")).isNull();
    }

    @Test
    void aTimeAllowanceCountsTheCoresOfAnInstanceConfinedToACpuSet() {
        // A shared HPC instance: may run on CPUs 1-3, capped at 2 CPUs' time.
        assertThat(Sizes.cpuCount("1-3", "200ms/100ms")).isEqualTo(2);
        assertThat(Sizes.cpuCount("1-1", "100ms/100ms")).isEqualTo(1);
        assertThat(Sizes.cpuCount("0-3", "50%")).isEqualTo(4);
        assertThat(Sizes.cpuCount("2", null)).isEqualTo(2);
        assertThat(Sizes.allowanceCores("150ms/100ms")).isEqualTo(2);
        assertThat(Sizes.allowance(3)).isEqualTo("300ms/100ms");
        assertThat(Sizes.allowanceCores(Sizes.allowance(3))).isEqualTo(3);
    }
}
