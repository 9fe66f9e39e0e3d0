package io.axion.telemetry.internal.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The two layouts of the kernel's control groups. */
public enum CgroupVersion {
    /** One hierarchy per controller: {@code ROOT/cpuacct/...}, {@code ROOT/memory/...} (also "hybrid" hosts). */
    V1,
    /** One unified hierarchy: {@code ROOT/<group>/cpu.stat}, {@code ROOT/<group>/memory.current}. */
    V2;

    /**
     * The layout mounted at {@code root}: v2 when the root itself is a cgroup2 mount (it has
     * {@code cgroup.controllers}), v1 when it holds a {@code cpuacct} hierarchy. A hybrid host (v1 controllers plus
     * cgroup2 at {@code unified}) counts as v1, because its CPU and memory controllers live in the v1 trees.
     */
    public static Optional<CgroupVersion> detect(Path root) {
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            return Optional.of(V2);
        }
        if (Files.isDirectory(root.resolve("cpuacct")) || Files.isDirectory(root.resolve("cpu,cpuacct"))) {
            return Optional.of(V1);
        }
        return Optional.empty();
    }

    /** {@code v1}, {@code v2} or {@code auto} (case-insensitive); empty for auto. */
    public static Optional<CgroupVersion> parseSetting(String setting) {
        String value = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "v1", "1" -> Optional.of(V1);
            case "v2", "2" -> Optional.of(V2);
            case "auto", "" -> Optional.empty();
            default -> throw new IllegalArgumentException("cgroupVersion must be auto, v1 or v2, not '" + setting + "'");
        };
    }
}
