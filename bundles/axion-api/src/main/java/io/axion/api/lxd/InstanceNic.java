package io.axion.api.lxd;

import java.util.List;

/**
 * A running instance's network interface as LXD reports it (its state API).
 *
 * @param device        the device name inside the instance ({@code eth0})
 * @param hostInterface the host-side end of its veth pair ({@code volatile.eth0.host_name}, e.g. {@code veth1a2b3c4d});
 *                      it changes at every start
 * @param hwaddr        its MAC address
 * @param addresses     its IPv4 and global IPv6 addresses with their prefix length ({@code 10.147.0.23/24}); empty
 *                      until the instance has a DHCP lease
 */
public record InstanceNic(String device, String hostInterface, String hwaddr, List<String> addresses) {

    public InstanceNic {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
