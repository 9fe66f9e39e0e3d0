package io.axion.instances.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * The config shown by {@code GET /api/v1/instances/{name}}: cloud-init user- and vendor-data may carry secrets
 * (passwords, keys), and viewers may read the instance, so their text is replaced by its size.
 */
final class ConfigRedaction {
    private ConfigRedaction() {
    }

    static Map<String, String> visible(Map<String, String> config) {
        Map<String, String> shown = new TreeMap<>(config);
        shown.replaceAll((key, value) -> secret(key) ? "(hidden, " + value.length() + " characters)" : value);
        return shown;
    }

    static boolean secret(String key) {
        return key.endsWith("user-data") || key.endsWith("vendor-data");
    }
}
