package io.axion.api.tenant;

import java.time.Instant;
import java.util.Objects;

/** One tenant, as {@code GET /api/v1/tenants/{name}} answers it. */
public record Tenant(String name, TenantQuota quota, Instant createdAt) {
    public Tenant {
        Objects.requireNonNull(name, "name");
        quota = quota == null ? TenantQuota.UNLIMITED : quota;
    }
}
