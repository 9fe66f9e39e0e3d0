package io.axion.telemetry.internal.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk counters from blkio (v1) and io.stat (v2), network counters from the first process's net/dev. */
class DiskAndNetworkCountersTest {
    private static final String NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 20859067362 11535077    0    0    0     0          0         0 20859067362 11535077    0    0    0     0       0          0
              eth0: 1297164650   39824    0    0    0     0          0         0  3866544   29694    0    0    0     0       0          0
              eth1:       10       1    0    0    0     0          0         0       20       2    0    0    0     0       0          0
            """;

    @TempDir
    Path dir;

    @Test
    void v1SumsReadAndWriteOverDevicesAndNetworkOverDevicesButLoopback() throws IOException {
        Files.createDirectories(dir.resolve("sys"));
        FakeCgroups cgroups = new FakeCgroups(dir.resolve("sys"), CgroupVersion.V1);
        cgroups.set("lxc.payload.web", 1000, 2000);
        write(dir.resolve("sys/blkio/lxc.payload.web/blkio.throttle.io_service_bytes_recursive"), """
                8:0 Read 4096
                8:0 Write 8192
                8:0 Sync 100
                8:0 Async 12188
                8:0 Total 12288
                8:16 Read 1
                8:16 Write 2
                Total 12291
                """);
        write(dir.resolve("sys/cpuacct/lxc.payload.web/cgroup.procs"), "4242\n4250\n");
        write(dir.resolve("proc/4242/net/dev"), NET_DEV);
        CgroupLayout layout = new CgroupLayout(dir.resolve("sys"), CgroupVersion.V1);

        try (CgroupReader reader = new CgroupReader(100, dir.resolve("proc"))) {
            assertThat(reader.read(layout.files("lxc.payload.web")))
                    .isEqualTo(new CgroupSample(1000, 2000, 4097, 8194, 1_297_164_660L, 3_866_564L));
        }
    }

    @Test
    void v2ReadsIoStatAndAnInstanceWithOnlyLoopbackHasNoNetworkFigures() throws IOException {
        Files.createDirectories(dir.resolve("sys"));
        FakeCgroups cgroups = new FakeCgroups(dir.resolve("sys"), CgroupVersion.V2);
        cgroups.set("lxc.payload.db", 5000, 6000);
        write(dir.resolve("sys/lxc.payload.db/io.stat"),
                "8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n253:0 rbytes=1 wbytes=2 rios=1 wios=1\n");
        write(dir.resolve("sys/lxc.payload.db/cgroup.procs"), "77\n");
        write(dir.resolve("proc/77/net/dev"), NET_DEV.lines().limit(3).reduce("", (a, b) -> a + b + "\n"));
        CgroupLayout layout = new CgroupLayout(dir.resolve("sys"), CgroupVersion.V2);

        try (CgroupReader reader = new CgroupReader(100, dir.resolve("proc"))) {
            assertThat(reader.read(layout.files("lxc.payload.db")))
                    .isEqualTo(new CgroupSample(5000, 6000, 101, 202, -1, -1));
        }
    }

    @Test
    void aGroupWithoutProcessesOrBlkioHasNeither() throws IOException {
        Files.createDirectories(dir.resolve("sys"));
        FakeCgroups cgroups = new FakeCgroups(dir.resolve("sys"), CgroupVersion.V1);
        cgroups.set("lxc.payload.idle", 1, 2);
        write(dir.resolve("sys/cpuacct/lxc.payload.idle/cgroup.procs"), "");
        CgroupLayout layout = new CgroupLayout(dir.resolve("sys"), CgroupVersion.V1);

        try (CgroupReader reader = new CgroupReader(100, dir.resolve("proc"))) {
            assertThat(reader.read(layout.files("lxc.payload.idle"))).isEqualTo(new CgroupSample(1, 2));
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
