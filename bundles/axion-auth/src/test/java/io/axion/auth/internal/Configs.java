package io.axion.auth.internal;

import io.axion.testing.TypedConfigs;
import java.util.Map;

/** This bundle's typed configurations for tests. */
final class Configs {
    private Configs() {
    }

    /** Auth settings with cheap hashing, for tests that hash a lot. */
    static AuthConfig fastAuth(Map<String, Object> overrides) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("argon2MemoryKiB", 64, "argon2Iterations", 1));
        all.putAll(overrides);
        return TypedConfigs.of(AuthConfig.class, all);
    }
}
