package io.axion.firewall.internal;

import io.axion.api.lxd.ForwardProtocol;
import java.util.List;

/**
 * The nft text that limits who may use a port forward. A forward is an LXD proxy device: its host side is a
 * process listening on the host, so its traffic goes through the host's own {@code input} hook (the {@code inet}
 * family), never through the bridge. One chain per Axion host (its LXD project and name: several Axion processes on
 * one machine never share one) in {@code table inet axion}, replaced whole in one transaction.
 */
final class ForwardSourcesRuleset {
    private final String table;

    ForwardSourcesRuleset(String table) {
        this.table = table;
    }

    /**
     * A forward's host port with the CIDRs allowed to use it.
     *
     * @param protocol    null: both tcp and udp (the device is not there yet)
     * @param hostAddress the address its device listens on; {@code 0.0.0.0}: any
     */
    record Guarded(int hostPort, ForwardProtocol protocol, String hostAddress, List<String> sources) {
    }

    static String chainOf(String project, String host) {
        return ("fwd_" + project + "_" + host).replaceAll("[^A-Za-z0-9_]", "_");
    }

    String replace(String chain, List<Guarded> guarded) {
        String t = "inet " + table;
        StringBuilder nft = new StringBuilder();
        nft.append("add table ").append(t).append('\n');
        nft.append("add chain ").append(t).append(' ').append(chain)
                .append(" { type filter hook input priority 0 ; policy accept ; }\n");
        nft.append("flush chain ").append(t).append(' ').append(chain).append('\n');
        for (Guarded g : guarded) {
            List<String> protocols = g.protocol() == null ? List.of("tcp", "udp")
                    : List.of(g.protocol() == ForwardProtocol.UDP ? "udp" : "tcp");
            for (String protocol : protocols) {
                String port = protocol + " dport " + g.hostPort();
                String add = "add rule " + t + " " + chain + " ";
                if (g.hostAddress().contains(":")) {
                    // An IPv6 listener: the sources are IPv4, so no IPv6 client is among them.
                    nft.append(add).append("meta nfproto ipv6 ").append(port).append(" drop\n");
                    continue;
                }
                String toAddress = "0.0.0.0".equals(g.hostAddress()) ? "" : "ip daddr " + g.hostAddress() + " ";
                nft.append(add).append(toAddress).append(port).append(" ip saddr != { ")
                        .append(String.join(", ", g.sources())).append(" } drop\n");
                if (toAddress.isEmpty()) {
                    nft.append(add).append("meta nfproto ipv6 ").append(port).append(" drop\n");
                }
            }
        }
        return nft.toString();
    }

    String delete(String chain) {
        return "delete chain inet " + table + " " + chain + "\n";
    }
}
