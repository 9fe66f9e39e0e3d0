package io.axion.api.tenant;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears of tenant changes (register it as an OSGi service); must not block. */
@ConsumerType
public interface TenantListener {
    void event(TenantEvent event);
}
