package io.axion.api.quota;

/** {@code GET /api/v1/quota}: {@code {cpu: {limit, allocated, physical}, memoryMiB: {limit, allocated, physical}}}. */
public record Quota(QuotaAmount cpu, QuotaAmount memoryMiB) {
}
