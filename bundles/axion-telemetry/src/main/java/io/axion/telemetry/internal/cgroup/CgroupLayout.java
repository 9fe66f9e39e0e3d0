package io.axion.telemetry.internal.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where LXD's containers keep their CPU and memory counters on this host. LXD 5 names a container's cgroup
 * {@code lxc.payload.NAME} in the default project and {@code lxc.payload.PROJECT_NAME} in any other.
 */
public final class CgroupLayout {
    public static final String DEFAULT_PROJECT = "default";
    private static final String PAYLOAD_PREFIX = "lxc.payload.";

    private final Path root;
    private final CgroupVersion version;
    private final Path cpuRoot;
    private final Path memoryRoot;
    private final Path blkioRoot;

    public CgroupLayout(Path root, CgroupVersion version) {
        this.root = root;
        this.version = version;
        if (version == CgroupVersion.V1) {
            Path cpuacct = root.resolve("cpuacct");
            this.cpuRoot = Files.isDirectory(cpuacct) || !Files.isDirectory(root.resolve("cpu,cpuacct"))
                    ? cpuacct : root.resolve("cpu,cpuacct");
            this.memoryRoot = root.resolve("memory");
            this.blkioRoot = root.resolve("blkio");
        } else {
            this.cpuRoot = root;
            this.memoryRoot = root;
            this.blkioRoot = root;
        }
    }

    /**
     * The layout under {@code root}: the configured version, or the detected one for {@code auto}; empty when
     * {@code auto} finds no cgroups there (e.g. Axion runs in a container that does not see the host's).
     */
    public static Optional<CgroupLayout> of(Path root, String versionSetting) {
        Optional<CgroupVersion> version = CgroupVersion.parseSetting(versionSetting).or(() -> CgroupVersion.detect(root));
        return version.map(v -> new CgroupLayout(root, v));
    }

    /** The cgroup LXD gives an instance of a project. */
    public static String groupName(String project, String instance) {
        if (project == null || project.isEmpty() || DEFAULT_PROJECT.equals(project)) {
            return PAYLOAD_PREFIX + instance;
        }
        return PAYLOAD_PREFIX + project + "_" + instance;
    }

    /** The files to read for one cgroup. */
    public CgroupFiles files(String group) {
        if (version == CgroupVersion.V1) {
            return new CgroupFiles(version, cpuRoot.resolve(group).resolve("cpuacct.usage"),
                    memoryRoot.resolve(group).resolve("memory.usage_in_bytes"),
                    blkioRoot.resolve(group).resolve("blkio.throttle.io_service_bytes_recursive"),
                    cpuRoot.resolve(group).resolve("cgroup.procs"));
        }
        Path dir = root.resolve(group);
        return new CgroupFiles(version, dir.resolve("cpu.stat"), dir.resolve("memory.current"), dir.resolve("io.stat"),
                dir.resolve("cgroup.procs"));
    }

    public CgroupVersion version() {
        return version;
    }

    public Path root() {
        return root;
    }

    @Override
    public String toString() {
        return version + " at " + root;
    }

    /**
     * The counter files of one cgroup.
     *
     * @param cpu    v1: {@code cpuacct.usage} (nanoseconds); v2: {@code cpu.stat} (its {@code usage_usec} line)
     * @param memory v1: {@code memory.usage_in_bytes}; v2: {@code memory.current}
     * @param io     v1: {@code blkio.throttle.io_service_bytes_recursive}; v2: {@code io.stat}
     * @param procs  the group's {@code cgroup.procs}: its first process's {@code /proc/PID/net/dev} holds the
     *               network counters of the instance's namespace, with no call to LXD and no veth name to look up
     */
    public record CgroupFiles(CgroupVersion version, Path cpu, Path memory, Path io, Path procs) {

        /** CPU and memory only (no disk or network counters). */
        public CgroupFiles(CgroupVersion version, Path cpu, Path memory) {
            this(version, cpu, memory, null, null);
        }
    }
}
