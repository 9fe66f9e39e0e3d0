package io.axion.firewall.internal;

/**
 * A rule after validation, in the form the nft text is written from.
 *
 * @param inbound  true for {@code in}
 * @param protocol tcp, udp, icmp or any
 * @param fromPort first port, 0 for every port
 * @param toPort   last port (equal to fromPort for one port)
 * @param cidr     the peer's network in canonical form ({@code 10.0.0.0/8}, {@code 10.147.0.1/32}), null for anyone
 * @param allow    allow or drop
 */
record CheckedRule(boolean inbound, String protocol, int fromPort, int toPort, String cidr, boolean allow) {
}
