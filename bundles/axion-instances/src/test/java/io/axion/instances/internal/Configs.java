package io.axion.instances.internal;

import io.axion.testing.TypedConfigs;
import java.util.Map;

/** This bundle's typed configurations for tests. */
final class Configs {
    private Configs() {
    }

    static InstancesConfig instances() {
        return TypedConfigs.of(InstancesConfig.class, Map.of());
    }
}
