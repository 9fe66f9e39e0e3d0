package io.axion.telemetry.internal.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupReaderTest {
    @TempDir
    Path dir;

    private final CgroupReader reader = new CgroupReader();

    @Test
    void namesGroupsAsLxdDoesPerProject() {
        assertThat(CgroupLayout.groupName("default", "web-1")).isEqualTo("lxc.payload.web-1");
        assertThat(CgroupLayout.groupName(null, "web-1")).isEqualTo("lxc.payload.web-1");
        assertThat(CgroupLayout.groupName("axion", "web-1")).isEqualTo("lxc.payload.axion_web-1");
    }

    @Test
    void detectsV1IncludingHybridHosts() throws IOException {
        new FakeCgroups(dir, CgroupVersion.V1);
        // A hybrid host also mounts cgroup2 at "unified", with its own cgroup.controllers: still v1 at the root.
        Files.writeString(dir.resolve("unified").resolve("cgroup.controllers"), "");
        assertThat(CgroupVersion.detect(dir)).contains(CgroupVersion.V1);
        assertThat(CgroupLayout.of(dir, "auto")).get().extracting(CgroupLayout::version).isEqualTo(CgroupVersion.V1);
    }

    @Test
    void detectsV2AndNothing() throws IOException {
        assertThat(CgroupVersion.detect(dir)).isEmpty();
        assertThat(CgroupLayout.of(dir, "auto")).isEmpty();
        new FakeCgroups(dir, CgroupVersion.V2);
        assertThat(CgroupVersion.detect(dir)).contains(CgroupVersion.V2);
    }

    @Test
    void aConfiguredVersionWinsOverDetection() {
        new FakeCgroups(dir, CgroupVersion.V2);
        assertThat(CgroupLayout.of(dir, "v1")).get().extracting(CgroupLayout::version).isEqualTo(CgroupVersion.V1);
        assertThatThrownBy(() -> CgroupLayout.of(dir, "v3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsV1Counters() throws IOException {
        FakeCgroups cgroups = new FakeCgroups(dir, CgroupVersion.V1);
        cgroups.set("lxc.payload.p_web-1", 123_456_789_012L, 16_777_216L);
        CgroupLayout layout = CgroupLayout.of(dir, "auto").orElseThrow();

        CgroupSample sample = reader.read(layout.files(CgroupLayout.groupName("p", "web-1")));

        assertThat(sample).isEqualTo(new CgroupSample(123_456_789_012L, 16_777_216L));
        assertThat(layout.files("lxc.payload.x").cpu()).isEqualTo(dir.resolve("cpuacct/lxc.payload.x/cpuacct.usage"));
        assertThat(layout.files("lxc.payload.x").memory())
                .isEqualTo(dir.resolve("memory/lxc.payload.x/memory.usage_in_bytes"));
    }

    @Test
    void readsV2CountersFromCpuStatInMicroseconds() throws IOException {
        FakeCgroups cgroups = new FakeCgroups(dir, CgroupVersion.V2);
        cgroups.set("lxc.payload.web-1", 5_000_000_000L, 1_048_576L);
        CgroupLayout layout = CgroupLayout.of(dir, "auto").orElseThrow();

        assertThat(reader.read(layout.files("lxc.payload.web-1"))).isEqualTo(new CgroupSample(5_000_000_000L, 1_048_576L));
    }

    @Test
    void findsUsageUsecOnAnyLineOfCpuStat() throws IOException {
        Path file = dir.resolve("cpu.stat");
        Files.writeString(file, "nr_periods 3\nusage_usec 42\n");
        assertThat(reader.readUsageUsec(file)).isEqualTo(42);
        Files.writeString(file, "user_usec 1\n");
        assertThatThrownBy(() -> reader.readUsageUsec(file)).isInstanceOf(IOException.class);
    }

    @Test
    void aMissingGroupIsNotRunningAndAMissingMemoryControllerIsUnknown() throws IOException {
        CgroupLayout layout = new CgroupLayout(new FakeCgroups(dir, CgroupVersion.V2).root(), CgroupVersion.V2);
        assertThat(reader.read(layout.files("lxc.payload.gone"))).isNull();

        Files.createDirectories(dir.resolve("lxc.payload.nomem"));
        Files.writeString(dir.resolve("lxc.payload.nomem/cpu.stat"), "usage_usec 7\n");
        assertThat(reader.read(layout.files("lxc.payload.nomem"))).isEqualTo(new CgroupSample(7000, -1));
    }

    @Test
    void keepsFilesOpenAndSeesNewValuesAndReplacedGroups() throws IOException {
        FakeCgroups cgroups = new FakeCgroups(dir, CgroupVersion.V1);
        CgroupLayout layout = new CgroupLayout(dir, CgroupVersion.V1);
        cgroups.set("lxc.payload.a", 100, 1000);
        assertThat(reader.read(layout.files("lxc.payload.a"))).isEqualTo(new CgroupSample(100, 1000));
        assertThat(reader.openFiles()).isEqualTo(2);

        cgroups.set("lxc.payload.a", 12345678901L, 2000); // the same files, longer values
        assertThat(reader.read(layout.files("lxc.payload.a"))).isEqualTo(new CgroupSample(12345678901L, 2000));

        // The instance restarted: its group was removed and made again. The kernel then fails reads of the old,
        // still open files with ENODEV (checked on this host); emptied files stand in for that on a disk.
        Files.writeString(dir.resolve("cpuacct/lxc.payload.a/cpuacct.usage"), "");
        Files.writeString(dir.resolve("memory/lxc.payload.a/memory.usage_in_bytes"), "");
        deleteTree(dir.resolve("cpuacct/lxc.payload.a"));
        deleteTree(dir.resolve("memory/lxc.payload.a"));
        cgroups.set("lxc.payload.a", 5, 6);
        assertThat(reader.read(layout.files("lxc.payload.a"))).isEqualTo(new CgroupSample(5, 6));

        // Stopped: the group is gone.
        Files.writeString(dir.resolve("cpuacct/lxc.payload.a/cpuacct.usage"), "");
        deleteTree(dir.resolve("cpuacct/lxc.payload.a"));
        assertThat(reader.read(layout.files("lxc.payload.a"))).isNull();

        reader.retainOnly(java.util.Set.of());
        assertThat(reader.openFiles()).isZero();
    }

    @Test
    void opensForEachReadPastItsLimit() throws IOException {
        FakeCgroups cgroups = new FakeCgroups(dir, CgroupVersion.V2);
        CgroupLayout layout = new CgroupLayout(dir, CgroupVersion.V2);
        cgroups.set("lxc.payload.a", 1000, 1);
        cgroups.set("lxc.payload.b", 2000, 2);
        try (CgroupReader limited = new CgroupReader(2)) {
            assertThat(limited.read(layout.files("lxc.payload.a"))).isEqualTo(new CgroupSample(1000, 1));
            assertThat(limited.read(layout.files("lxc.payload.b"))).isEqualTo(new CgroupSample(2000, 2));
            assertThat(limited.openFiles()).isEqualTo(2);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (var files = Files.walk(path)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void rejectsGarbage() throws IOException {
        Path file = dir.resolve("cpuacct.usage");
        Files.writeString(file, "max\n");
        assertThatThrownBy(() -> reader.readNumber(file)).isInstanceOf(IOException.class);
    }

    @Test
    void readsTheRealHostWhenItHasLxdContainers() throws IOException {
        Path real = Path.of("/sys/fs/cgroup");
        var layout = CgroupLayout.of(real, "auto");
        if (layout.isEmpty()) {
            return;
        }
        Path cpuRoot = layout.get().version() == CgroupVersion.V1 ? real.resolve("cpuacct") : real;
        try (var groups = Files.list(cpuRoot)) {
            // A stopped container may leave an empty group behind (no processes, no CPU time): pick one that runs.
            var payload = groups.filter(p -> p.getFileName().toString().startsWith("lxc.payload."))
                    .filter(CgroupReaderTest::hasProcesses)
                    .map(p -> p.getFileName().toString()).findFirst();
            if (payload.isPresent()) {
                CgroupSample sample = reader.read(layout.get().files(payload.get()));
                if (sample != null) { // it may have stopped in between
                    assertThat(sample.cpuNanos()).isPositive();
                    assertThat(sample.memoryBytes()).isPositive();
                }
            }
        }
    }

    private static boolean hasProcesses(Path group) {
        try {
            return !Files.readString(group.resolve("cgroup.procs")).isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
