package io.axion.api.firewall;

/**
 * One rule of an instance's firewall; the first rule that matches a packet decides.
 *
 * @param direction {@code in} (to the instance) or {@code out} (from it)
 * @param protocol  {@code tcp}, {@code udp}, {@code icmp} or {@code any}
 * @param ports     a port ({@code 8000}) or an inclusive range ({@code 8000-8100}) of the instance's side for
 *                  {@code in}, of the peer's side for {@code out}; only with tcp or udp; null: every port
 * @param source    the peer's IPv4 CIDR ({@code 10.147.0.23/32}, a bare address means /32): the sender of an
 *                  {@code in} packet, the receiver of an {@code out} one; null: anyone
 * @param action    {@code allow} or {@code drop}
 */
public record FirewallRule(String direction, String protocol, String ports, String source, String action) {
}
