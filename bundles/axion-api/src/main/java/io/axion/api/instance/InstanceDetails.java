package io.axion.api.instance;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/instances/{name}}: the list item's fields plus its LXD {@code config} (without
 * {@code volatile.*} keys) and its {@code snapshots}.
 */
public record InstanceDetails(String name, String status, String image, Integer cpu, Long memoryMiB, Long diskGiB,
                              String host, String node, Instant createdAt, Usage usage, List<PortForward> forwards,
                              Map<String, String> config, List<SnapshotSummary> snapshots, String tenant) {

    /** Details whose root disk size is not known (the pool's default). */
    public InstanceDetails(String name, String status, String image, Integer cpu, Long memoryMiB, String host,
                           String node, Instant createdAt, Usage usage, List<PortForward> forwards,
                           Map<String, String> config, List<SnapshotSummary> snapshots, String tenant) {
        this(name, status, image, cpu, memoryMiB, null, host, node, createdAt, usage, forwards, config, snapshots,
                tenant);
    }

    /** Details of an instance of the {@code default} tenant. */
    public InstanceDetails(String name, String status, String image, Integer cpu, Long memoryMiB, String host,
                           String node, Instant createdAt, Usage usage, List<PortForward> forwards,
                           Map<String, String> config, List<SnapshotSummary> snapshots) {
        this(name, status, image, cpu, memoryMiB, null, host, node, createdAt, usage, forwards, config, snapshots,
                null);
    }

    public InstanceDetails {
        tenant = tenant == null || tenant.isBlank() ? io.axion.api.tenant.TenantService.DEFAULT : tenant;
        usage = usage == null ? Usage.NONE : usage;
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
        // Sorted, so the answer reads well and compares across calls.
        config = config == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(config));
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
    }

    public static InstanceDetails of(Instance instance, Map<String, String> config, List<SnapshotSummary> snapshots) {
        return new InstanceDetails(instance.name(), instance.status(), instance.image(), instance.cpu(),
                instance.memoryMiB(), instance.diskGiB(), instance.host(), instance.node(), instance.createdAt(),
                instance.usage(), instance.forwards(), config, snapshots, instance.tenant());
    }

    /** The list item's part. */
    public Instance summary() {
        return new Instance(name, status, image, cpu, memoryMiB, diskGiB, host, node, createdAt, usage, forwards,
                tenant);
    }
}
