package io.axion.api.instance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import io.axion.api.tenant.TenantService;

/**
 * One item of {@code GET /api/v1/instances}.
 *
 * @param status    LXD's status label: {@code Running}, {@code Stopped}, {@code Frozen}, {@code Error} (or another
 *                  transient label LXD reports, such as {@code Starting})
 * @param image     the image it was created from (the alias Axion was asked for, else LXD's base fingerprint)
 * @param cpu       {@code limits.cpu} in whole cores; null when unlimited
 * @param memoryMiB {@code limits.memory} in MiB; null when unlimited
 * @param diskGiB   its root disk size in GiB as LXD has it; null when the storage pool's default applies
 * @param host      the Axion host (LXD endpoint and project) it lives on
 * @param node      the cluster node that owns its host now (runs its jobs); null while the host is unowned
 * @param createdAt when LXD created it
 * @param usage     CPU and memory use now; {@link Usage#NONE} while unknown
 * @param tenant    the tenant it belongs to ({@code default} for instances made before tenants, or outside Axion)
 */
public record Instance(String name, String status, String image, Integer cpu, Long memoryMiB, Long diskGiB,
                       String host, String node, Instant createdAt, Usage usage, List<PortForward> forwards,
                       String tenant) {

    public Instance {
        Objects.requireNonNull(name, "name");
        usage = usage == null ? Usage.NONE : usage;
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
        tenant = tenant == null || tenant.isBlank() ? TenantService.DEFAULT : tenant;
    }

    /** An instance whose root disk size is not known (the pool's default). */
    public Instance(String name, String status, String image, Integer cpu, Long memoryMiB, String host,
                    String node, Instant createdAt, Usage usage, List<PortForward> forwards, String tenant) {
        this(name, status, image, cpu, memoryMiB, null, host, node, createdAt, usage, forwards, tenant);
    }

    /** An instance of the {@code default} tenant. */
    public Instance(String name, String status, String image, Integer cpu, Long memoryMiB, String host,
                    String node, Instant createdAt, Usage usage, List<PortForward> forwards) {
        this(name, status, image, cpu, memoryMiB, null, host, node, createdAt, usage, forwards, null);
    }

    public Instance withUsage(Usage now) {
        return new Instance(name, status, image, cpu, memoryMiB, diskGiB, host, node, createdAt, now, forwards,
                tenant);
    }

    /** The same instance as shown by a node that knows its host's owner to be {@code owner}. */
    public Instance withNode(String owner) {
        return new Instance(name, status, image, cpu, memoryMiB, diskGiB, host, owner, createdAt, usage, forwards,
                tenant);
    }

    public boolean running() {
        return "Running".equals(status);
    }
}
