package io.axion.lxd.internal;

/**
 * The LXD bridge Axion manages and attaches every instance it creates to ({@code eth0} on it).
 *
 * @param name        the bridge's name; null: instances are made without a NIC
 * @param ipv4Address the bridge's own address and prefix, e.g. {@code 10.147.0.1/24}; LXD's dnsmasq hands out the
 *                    rest of the subnet by DHCP. Explicit because LXD's {@code auto} fails on a host whose routes
 *                    it cannot read a free subnet from.
 */
public record BridgeSettings(String name, String ipv4Address) {
    public static final BridgeSettings NONE = new BridgeSettings(null, null);

    /** {@code name} blank or {@code none} turns the bridge off. */
    public static BridgeSettings of(String name, String ipv4Address) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || "none".equalsIgnoreCase(trimmed)) {
            return NONE;
        }
        return new BridgeSettings(trimmed, ipv4Address == null || ipv4Address.isBlank() ? "10.147.0.1/24" : ipv4Address.trim());
    }

    public boolean enabled() {
        return name != null;
    }
}
