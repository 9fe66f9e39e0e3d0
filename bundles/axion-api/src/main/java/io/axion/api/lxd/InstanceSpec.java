package io.axion.api.lxd;

import java.util.Map;
import java.util.Objects;

/**
 * What to create.
 *
 * @param name          the instance name
 * @param image         an image alias ({@code axion/busybox}), a fingerprint (or its unique prefix), or a remote
 *                      image ({@code images:debian/12}) that may fall back to a configured local alias
 * @param cpu           {@code limits.cpu} as a whole number of cores; null leaves it unlimited
 * @param memoryMiB     {@code limits.memory} in MiB; null leaves it unlimited
 * @param diskGiB       the root disk size in GiB; null keeps the storage pool's default
 * @param cloudInit     cloud-config user-data text; null for none
 * @param cloudInitNetworkConfig cloud-init network-config text (e.g. {@code "config: disabled"} for an instance
 *                      without a NIC); null leaves the image's default
 * @param start         start the instance once created
 * @param userConfig    {@code user.*} keys the instance is created with (who made it, for instance): set in the same
 *                      request as the instance, so no second write to LXD is needed
 * @param placementConfig  LXD config keys the placement policy chose (an explicit CPU set in {@code limits.cpu}),
 *                      written after the limits above so that they win
 * @param placementDevices LXD devices the placement policy chose (GPUs by PCI address), by device name
 */
public record InstanceSpec(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB,
                           String cloudInit, String cloudInitNetworkConfig, boolean start,
                           Map<String, String> userConfig, Map<String, String> placementConfig,
                           Map<String, Map<String, String>> placementDevices) {

    public InstanceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        userConfig = userConfig == null ? Map.of() : Map.copyOf(userConfig);
        for (String key : userConfig.keySet()) {
            if (!key.startsWith("user.")) {
                throw new IllegalArgumentException("only user.* keys may be given, not " + key);
            }
        }
        placementConfig = placementConfig == null ? Map.of() : Map.copyOf(placementConfig);
        placementDevices = placementDevices == null ? Map.of() : Map.copyOf(placementDevices);
    }

    /** A spec without placement additions. */
    public InstanceSpec(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB, String cloudInit,
                        String cloudInitNetworkConfig, boolean start, Map<String, String> userConfig) {
        this(name, image, cpu, memoryMiB, diskGiB, cloudInit, cloudInitNetworkConfig, start, userConfig, Map.of(),
                Map.of());
    }

    /** A spec without extra {@code user.*} keys. */
    public InstanceSpec(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB, String cloudInit,
                        String cloudInitNetworkConfig, boolean start) {
        this(name, image, cpu, memoryMiB, diskGiB, cloudInit, cloudInitNetworkConfig, start, Map.of());
    }

    /** A spec with no limits, no cloud-init, started after creation. */
    public static InstanceSpec of(String name, String image) {
        return new InstanceSpec(name, image, null, null, null, null, null, true);
    }

    public InstanceSpec withLimits(Integer cpu, Integer memoryMiB) {
        return new InstanceSpec(name, image, cpu, memoryMiB, diskGiB, cloudInit, cloudInitNetworkConfig, start,
                userConfig, placementConfig, placementDevices);
    }

    public InstanceSpec withDiskGiB(Integer diskGiB) {
        return new InstanceSpec(name, image, cpu, memoryMiB, diskGiB, cloudInit, cloudInitNetworkConfig, start,
                userConfig, placementConfig, placementDevices);
    }

    public InstanceSpec withCloudInit(String userData, String networkConfig) {
        return new InstanceSpec(name, image, cpu, memoryMiB, diskGiB, userData, networkConfig, start, userConfig,
                placementConfig, placementDevices);
    }

    public InstanceSpec withStart(boolean start) {
        return new InstanceSpec(name, image, cpu, memoryMiB, diskGiB, cloudInit, cloudInitNetworkConfig, start,
                userConfig, placementConfig, placementDevices);
    }

    public InstanceSpec withUserConfig(Map<String, String> userConfig) {
        return new InstanceSpec(name, image, cpu, memoryMiB, diskGiB, cloudInit, cloudInitNetworkConfig, start,
                userConfig, placementConfig, placementDevices);
    }

    public InstanceSpec withPlacement(Map<String, String> config, Map<String, Map<String, String>> devices) {
        return new InstanceSpec(name, image, cpu, memoryMiB, diskGiB, cloudInit, cloudInitNetworkConfig, start,
                userConfig, config, devices);
    }
}
