package io.axion.api.lxd;

import java.util.Optional;

/** The bridge Axion attaches its instances to, and an instance's interface on it. */
public interface LxdNetworks {

    /** The managed bridge's name ({@code axionbr0}); empty when instances are made without a NIC. */
    Optional<String> bridge();

    /** The bridge's own address with its prefix ({@code 10.147.0.1/24}): the host's address on it. */
    Optional<String> bridgeAddress();

    /**
     * The instance's NIC on the managed bridge: one LXD call (~100 ms). Empty when the instance is not running or has
     * no such device.
     */
    Optional<InstanceNic> nic(String instance);
}
