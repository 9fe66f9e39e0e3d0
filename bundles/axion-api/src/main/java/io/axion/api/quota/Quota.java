package io.axion.api.quota;

import java.util.List;

/**
 * {@code GET /api/v1/quota}: {@code {cpu: {limit, allocated, physical}, memoryMiB: {limit, allocated, physical},
 * hosts: [...]}}: the cluster's figures (a host's ceilings summed, bounded by the admin's limits) and each host's.
 */
public record Quota(QuotaAmount cpu, QuotaAmount memoryMiB, List<HostQuota> hosts) {

    public Quota {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public Quota(QuotaAmount cpu, QuotaAmount memoryMiB) {
        this(cpu, memoryMiB, List.of());
    }
}
