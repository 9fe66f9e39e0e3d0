package io.axion.telemetry.internal.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.axion.api.lxd.InstanceState;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.telemetry.internal.cgroup.CgroupLayout;
import io.axion.telemetry.internal.cgroup.CgroupVersion;
import io.axion.telemetry.internal.cgroup.FakeCgroups;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweeperTest {
    @TempDir
    Path dir;

    private final ExecutorService lxdCalls = Executors.newFixedThreadPool(2);
    private final LxdInstances lxd = mock(LxdInstances.class);

    @AfterEach
    void stop() {
        lxdCalls.shutdownNow();
    }

    private InstanceTarget target(CgroupLayout layout, String name, InstanceStatus status) {
        return new InstanceTarget(name, status, 1, null,
                layout == null ? null : layout.files(CgroupLayout.groupName("proj", name)));
    }

    @Test
    void readsRunningInstancesFromCgroupsAndSkipsStoppedOnes() {
        FakeCgroups cgroups = new FakeCgroups(dir, CgroupVersion.V2);
        CgroupLayout layout = new CgroupLayout(dir, CgroupVersion.V2);
        cgroups.set("lxc.payload.proj_web", 1_000_000_000L, 4096);
        List<InstanceTarget> targets = List.of(target(layout, "web", InstanceStatus.RUNNING),
                target(layout, "off", InstanceStatus.STOPPED));
        Sweeper sweeper = new Sweeper(Source.AUTO, new RemoteStatePoller(lxd, lxdCalls, 2, 1_000_000_000L));

        List<InstanceUsage> first = sweeper.sweep(targets, 2, Instant.now());
        assertThat(first).extracting(InstanceUsage::name).containsExactly("web");
        assertThat(first.get(0).cpuPercent()).isNull();
        assertThat(first.get(0).memoryBytes()).isEqualTo(4096);

        cgroups.set("lxc.payload.proj_web", 1_500_000_000L, 8192);
        List<InstanceUsage> second = sweeper.sweep(targets, 2, Instant.now());
        assertThat(second.get(0).cpuPercent()).isPositive();
        assertThat(second.get(0).cpuSeconds()).isEqualTo(1.5);
        assertThat(second.get(0).memoryBytes()).isEqualTo(8192);
        // The stopped instance has no cgroup, and LXD said it is stopped: no state call.
        verify(lxd, never()).state(anyString());
    }

    @Test
    void asksLxdsStateApiForARunningInstanceWithoutLocalCgroup() {
        when(lxd.state("far")).thenReturn(new InstanceState(InstanceStatus.RUNNING, 42, 3, 2_000_000_000L, 1 << 20,
                1 << 21));
        Sweeper sweeper = new Sweeper(Source.AUTO, new RemoteStatePoller(lxd, lxdCalls, 2, 60_000_000_000L));
        List<InstanceTarget> targets = List.of(target(null, "far", InstanceStatus.RUNNING));

        assertThat(sweeper.sweep(targets, 2, Instant.now())).isEmpty(); // the answer is not there yet
        await().atMost(Duration.ofSeconds(5)).until(() -> !sweeper.sweep(targets, 2, Instant.now()).isEmpty());
        InstanceUsage usage = sweeper.sweep(targets, 2, Instant.now()).get(0);
        assertThat(usage.cpuSeconds()).isEqualTo(2.0);
        assertThat(usage.memoryBytes()).isEqualTo(1 << 20);
        // At most one call per interval (a minute here), however many sweeps ask.
        verify(lxd, times(1)).state("far");
    }

    @Test
    void aLocalHostNeverCallsLxdEvenForARunningInstanceWithoutCgroup() {
        FakeCgroups cgroups = new FakeCgroups(dir, CgroupVersion.V1);
        CgroupLayout layout = new CgroupLayout(dir, CgroupVersion.V1);
        cgroups.set("lxc.payload.proj_here", 1_000_000L, 4096);
        // "there" runs on another LXD cluster member (or LXD's listing is a moment behind): no cgroup here.
        List<InstanceTarget> targets = List.of(target(layout, "here", InstanceStatus.RUNNING),
                target(layout, "there", InstanceStatus.RUNNING));
        Sweeper sweeper = new Sweeper(Source.AUTO, new RemoteStatePoller(lxd, lxdCalls, 2, 1_000_000_000L));

        assertThat(sweeper.sweep(targets, 2, Instant.now())).extracting(InstanceUsage::name).containsExactly("here");
        verify(lxd, never()).state(anyString());
    }

    @Test
    void cgroupOnlyNeverCallsLxd() {
        Sweeper sweeper = new Sweeper(Source.CGROUP, null);
        assertThat(sweeper.sweep(List.of(target(null, "far", InstanceStatus.RUNNING)), 2, Instant.now())).isEmpty();
        verify(lxd, never()).state(anyString());
    }
}
