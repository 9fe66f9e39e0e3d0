package io.axion.api.quota;

/**
 * One host's share of the quota: its ceiling ({@code limit}: its physical cores times {@code cpuOvercommit}, its
 * memory) and what is allocated on it, instances and pending reservations.
 */
public record HostQuota(String host, QuotaAmount cpu, QuotaAmount memoryMiB) {
}
