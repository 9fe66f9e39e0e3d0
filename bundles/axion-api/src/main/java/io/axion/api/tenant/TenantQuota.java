package io.axion.api.tenant;

/**
 * A tenant's share of the cluster. A null figure sets no limit of the tenant's own (the global ceiling still
 * holds); boxed so that a missing field is told apart from 0.
 *
 * @param cpu       cores (the sum of its instances' {@code limits.cpu})
 * @param memoryMiB memory (the sum of its instances' {@code limits.memory})
 * @param diskGiB   root disk (the sum of its instances' root disk sizes)
 * @param instances how many instances it may hold
 */
public record TenantQuota(Integer cpu, Long memoryMiB, Long diskGiB, Integer instances) {
    public static final TenantQuota UNLIMITED = new TenantQuota(null, null, null, null);
}
