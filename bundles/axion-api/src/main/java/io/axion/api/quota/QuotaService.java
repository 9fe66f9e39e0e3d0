package io.axion.api.quota;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The cluster's governor: every host keeps its own ceiling and the cluster's is their sum, under the admin's
 * limits. An instance's allocation is its {@code limits.cpu} and {@code limits.memory} as LXD has
 * them, or its pending reservation when that is larger; the sum over all instances may not pass the limit through
 * Axion. Reservations are atomic across concurrent callers and cluster members.
 */
@ProviderType
public interface QuotaService {

    /** Limits, allocations and the host's physical figures now. */
    Quota quota();

    /**
     * Sets the limits (admin), persisted.
     *
     * @throws io.axion.api.error.ValidationException (422) when memory is above the physical memory, cpu above the
     *                                                physical cores × {@code cpuOvercommit}, either below what is
     *                                                allocated now, or not positive; the field is named
     */
    Quota setLimits(int cpu, long memoryMiB);

    /**
     * Reserves an instance's new CPU and memory limits (its whole figures after the change: for a resize, the new
     * totals; they replace what the instance holds now). Replaces an earlier reservation of the same instance.
     *
     * @throws QuotaExceededException when the limits would be passed; nothing is reserved then
     */
    default Reservation reserve(String instance, int cpu, long memoryMiB) {
        return reserve(instance, null, cpu, memoryMiB);
    }

    /**
     * Reserves as {@link #reserve(String, int, long)} does, on a host: the host's ceiling is checked too, and the
     * reservation counts on that host until it is released or settled.
     *
     * @param host the host the instance goes to (or moves to); null checks the cluster's limits only
     * @throws QuotaExceededException when the cluster's limits or the host's ceiling would be passed
     */
    Reservation reserve(String instance, String host, int cpu, long memoryMiB);

    /**
     * Reserves as {@link #reserve(String, String, int, long)} does, for an instance of {@code tenant}: that tenant's
     * quota (cpu, memory, instance count) is checked too, in the same atomic step.
     *
     * @param tenant the instance's tenant; null checks no tenant's quota
     * @throws QuotaExceededException when the tenant's quota, the cluster's limits or the host's ceiling would be
     *                                passed
     */
    default Reservation reserve(String instance, String host, int cpu, long memoryMiB, String tenant) {
        return reserve(instance, host, cpu, memoryMiB);
    }

    /**
     * Reserves as {@link #reserve(String, String, int, long, String)} does, with the instance's root disk: the
     * tenant's {@code diskGiB} quota is checked too, in the same atomic step. The global limits and the hosts'
     * ceilings count cpu and memory only. The older signatures reserve with {@code diskGiB} null.
     *
     * @param diskGiB the instance's whole root disk size once the change is done, GiB; null for the storage pool's
     *                default, which the governor counts as its configured {@code defaultDiskGiB}
     */
    default Reservation reserve(String instance, String host, int cpu, long memoryMiB, Long diskGiB,
                                String tenant) {
        return reserve(instance, host, cpu, memoryMiB, tenant);
    }

    /** Drops the instance's reservation at once: its job failed, or the instance was deleted. */
    void release(String instance);

    /**
     * The instance's job succeeded: keep counting the reservation only until every member's view of LXD shows the
     * change (a short grace period), then drop it.
     */
    void settle(String instance);
}
