package io.axion.telemetry.internal.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A cgroup tree in a temporary folder, with the files LXD's containers have on a real host. */
public final class FakeCgroups {
    private final Path root;
    private final CgroupVersion version;

    public FakeCgroups(Path root, CgroupVersion version) {
        this.root = root;
        this.version = version;
        try {
            if (version == CgroupVersion.V2) {
                Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
            } else {
                Files.createDirectories(root.resolve("cpuacct"));
                Files.createDirectories(root.resolve("memory"));
                Files.createDirectories(root.resolve("unified"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** Creates or updates a group's counters. */
    public void set(String group, long cpuNanos, long memoryBytes) {
        try {
            if (version == CgroupVersion.V1) {
                write(root.resolve("cpuacct").resolve(group), "cpuacct.usage", cpuNanos + "\n");
                write(root.resolve("memory").resolve(group), "memory.usage_in_bytes", memoryBytes + "\n");
            } else {
                long usec = cpuNanos / 1000;
                write(root.resolve(group), "cpu.stat", "usage_usec " + usec + "\nuser_usec " + (usec / 2)
                        + "\nsystem_usec " + (usec - usec / 2) + "\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n");
                write(root.resolve(group), "memory.current", memoryBytes + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, String file, String content) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), content);
    }
}
