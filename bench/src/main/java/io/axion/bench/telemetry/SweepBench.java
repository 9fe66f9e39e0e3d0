package io.axion.bench.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.telemetry.internal.cgroup.CgroupLayout;
import io.axion.telemetry.internal.cgroup.CgroupVersion;
import io.axion.telemetry.internal.sampling.InstanceTarget;
import io.axion.telemetry.internal.sampling.Sweeper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cost of one telemetry sweep over 100, 500 and 1,000 cgroups: fake cgroup trees (v1 and v2 layouts, the same
 * files as LXD's containers have) in a temporary folder, read by the production sweeper, then the event's JSON as the
 * event bus writes it. Also the cost per group of the real kernel files of the containers running on this host.
 * The figure that matters is CPU time of the sweeping thread per sweep: at 1 Hz, 10 ms per sweep is 1% of one core.
 */
public final class SweepBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SweepBench() {
    }

    public static void main(String[] args) throws Exception {
        int sweeps = Integer.getInteger("bench.sweeps", 200);
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                "cgroups");
        System.out.printf("Axion telemetry sweep benchmark: %d cores, %d sweeps per size after warm-up, fake trees in %s%n",
                Runtime.getRuntime().availableProcessors(), sweeps, dir);
        System.out.printf("%-8s %6s | %13s %13s %13s | %14s | %s%n", "layout", "groups", "cpu/sweep", "p99 cpu",
                "wall/sweep", "+ event JSON", "share of one core at 1 Hz");
        try {
            for (CgroupVersion version : CgroupVersion.values()) {
                for (int groups : new int[] {100, 500, 1000}) {
                    Path root = Files.createDirectories(dir.resolve(version + "-" + groups));
                    List<InstanceTarget> targets = fakeTree(root, version, groups);
                    measure(version.name(), groups, new CgroupLayout(root, version), targets, sweeps);
                }
            }
            realKernelFiles(sweeps);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(String label, int groups, CgroupLayout layout, List<InstanceTarget> targets, int sweeps)
            throws IOException {
        Sweeper sweeper = Sweeper.cgroupsOnly();
        for (int i = 0; i < Math.max(50, sweeps / 2); i++) { // warm-up: JIT and page cache
            sweeper.sweep(targets, 8, Instant.now());
        }
        long[] cpu = new long[sweeps];
        long wallTotal = 0;
        long jsonCpuTotal = 0;
        int sampled = 0;
        for (int i = 0; i < sweeps; i++) {
            long wall = System.nanoTime();
            long started = THREADS.getCurrentThreadCpuTime();
            List<InstanceUsage> usages = sweeper.sweep(targets, 8, Instant.now());
            long read = THREADS.getCurrentThreadCpuTime();
            cpu[i] = read - started;
            wallTotal += System.nanoTime() - wall;
            sampled = usages.size();
            // What the sampler adds per sweep: the event's data, written as JSON text once (the bus's wire form).
            List<Object> json = new ArrayList<>(usages.size());
            usages.forEach(u -> json.add(u.toJson()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("node", "bench");
            data.put("seq", i);
            data.put("instances", json);
            JSON.writeValueAsString(Map.of("channel", "telemetry", "type", "usage", "data", data, "at", Instant.now().toString()));
            jsonCpuTotal += THREADS.getCurrentThreadCpuTime() - read;
        }
        if (sampled != groups) {
            throw new IllegalStateException("sampled " + sampled + " of " + groups);
        }
        Arrays.sort(cpu);
        double meanCpu = Arrays.stream(cpu).average().orElse(0);
        double total = meanCpu + jsonCpuTotal / (double) sweeps;
        System.out.printf("%-8s %6d | %10.2f ms %10.2f ms %10.2f ms | %11.2f ms | %.2f%% (sweep %.2f%%)%n", label, groups,
                meanCpu / 1e6, cpu[(int) (sweeps * 0.99) - 1] / 1e6, wallTotal / 1e6 / sweeps,
                jsonCpuTotal / 1e6 / sweeps, total / 1e9 * 100, meanCpu / 1e9 * 100);
    }

    /** Reads the real cgroups of the containers running here, to compare kernel files with the fake ones. */
    private static void realKernelFiles(int sweeps) throws IOException {
        Path real = Path.of("/sys/fs/cgroup");
        var layout = CgroupLayout.of(real, "auto");
        if (layout.isEmpty()) {
            System.out.println("real cgroups: none visible here");
            return;
        }
        Path cpuRoot = layout.get().version() == CgroupVersion.V1 ? real.resolve("cpuacct") : real;
        List<InstanceTarget> targets = new ArrayList<>();
        try (Stream<Path> groups = Files.list(cpuRoot)) {
            groups.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lxc.payload.")).forEach(group ->
                    targets.add(new InstanceTarget(group, InstanceStatus.RUNNING, null, null, layout.get().files(group))));
        }
        if (targets.isEmpty()) {
            System.out.println("real cgroups: no LXD container runs here");
            return;
        }
        // Repeat the running containers' groups up to 500 entries, so the figure compares with the fake 500.
        List<InstanceTarget> repeated = new ArrayList<>();
        for (int i = 0; repeated.size() < 500; i++) {
            InstanceTarget t = targets.get(i % targets.size());
            repeated.add(new InstanceTarget(t.name() + "#" + i, t.status(), null, null, t.files()));
        }
        System.out.printf("real kernel files (%s, %d running containers read over and over):%n", layout.get(),
                targets.size());
        measure("real", repeated.size(), layout.get(), repeated, sweeps);
    }

    private static List<InstanceTarget> fakeTree(Path root, CgroupVersion version, int groups) throws IOException {
        if (version == CgroupVersion.V2) {
            Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        }
        CgroupLayout layout = new CgroupLayout(root, version);
        List<InstanceTarget> targets = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) {
            String name = "bench-" + i;
            CgroupLayout.CgroupFiles files = layout.files(CgroupLayout.groupName("axion", name));
            Files.createDirectories(files.cpu().getParent());
            Files.createDirectories(files.memory().getParent());
            long nanos = 1_000_000_000L * i + 123_456_789L;
            if (version == CgroupVersion.V1) {
                Files.writeString(files.cpu(), nanos + "\n");
            } else {
                Files.writeString(files.cpu(), "usage_usec " + nanos / 1000 + "\nuser_usec 1\nsystem_usec 2\n"
                        + "nr_periods 0\nnr_throttled 0\nthrottled_usec 0\nnr_bursts 0\nburst_usec 0\n");
            }
            Files.writeString(files.memory(), (16L << 20) + i + "\n");
            InstanceInfo info = new InstanceInfo(name, InstanceStatus.RUNNING, "axion/busybox", 1 + i % 4,
                    256L, null, Instant.now(), "none", List.of(), Map.of());
            targets.add(InstanceTarget.of(info, "axion", layout));
        }
        return targets;
    }
}
