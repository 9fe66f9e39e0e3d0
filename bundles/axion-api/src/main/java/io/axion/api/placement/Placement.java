package io.axion.api.placement;

import java.util.Map;
import java.util.Objects;

/**
 * Where an instance goes, and what the policy adds to its LXD definition there.
 *
 * @param host    the chosen host
 * @param config  LXD config keys to set on the instance (such as an explicit CPU set in {@code limits.cpu})
 * @param devices LXD devices to add, by device name (such as {@code gpu} devices by PCI address)
 */
public record Placement(String host, Map<String, String> config, Map<String, Map<String, String>> devices) {

    public Placement {
        Objects.requireNonNull(host, "host");
        config = config == null ? Map.of() : Map.copyOf(config);
        devices = devices == null ? Map.of() : Map.copyOf(devices);
    }

    public static Placement on(String host) {
        return new Placement(host, Map.of(), Map.of());
    }
}
