package io.axion.firewall.internal;

import io.axion.api.firewall.FirewallPolicy;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The nft text of Axion's {@code bridge} table: why there, and how it is laid out.
 * <p>
 * <b>Why the bridge family.</b> Two instances on the same Linux bridge talk without the host's IP stack: LXD's
 * network ACLs (and any {@code inet} rule) act on traffic between the bridge and the host only, so they cannot
 * drop one neighbour's packets to another. The {@code bridge} family's hooks see every frame the bridge switches,
 * with {@code oifname}/{@code iifname} naming the instance's host-side veth: {@code forward} for neighbour to
 * instance, {@code output} for the host (the bridge's own address) to instance, {@code input} for instance to host
 * (all three checked on the real LXD by FirewallIT).
 * <p>
 * <b>Layout.</b> One table ({@code table bridge axion}) shared by every Axion process on the machine; two verdict
 * maps keyed by veth name ({@code ingress}: frames leaving the bridge to that port, {@code egress}: frames entering
 * from it) jump to the instance's chains {@code in_<veth>} and {@code out_<veth>}. An instance's update is one
 * {@code nft -f} transaction (the base chains re-declared idempotently, its chains flushed and refilled), so no
 * packet ever sees half a rule set, and no other instance's chains are touched.
 * <p>
 * <b>Stateless, on purpose.</b> Connection tracking in the bridge family needs {@code nf_conntrack_bridge}, which
 * kernels (this machine's among them) may lack; then a rule with {@code ct state} fails to load. So "replies pass"
 * is written statelessly: a TCP segment that is not a bare SYN belongs to a connection already open (either side's)
 * and passes; only new inbound connections (bare SYNs) meet the rules and the default. ARP, DHCP offers and DNS
 * answers from the bridge always pass. Chains end a rule's "allow" with {@code return}, not {@code accept}: an
 * accept would end the base chain, and the sender's {@code out} rules (checked after the receiver's {@code in}
 * rules in {@code forward}) would be skipped.
 */
final class BridgeRuleset {
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private final String table;

    BridgeRuleset(String table) {
        this.table = table;
    }

    static boolean validInterface(String name) {
        return name != null && INTERFACE.matcher(name).matches();
    }

    String inChain(String hostInterface) {
        return "in_" + hostInterface;
    }

    String outChain(String hostInterface) {
        return "out_" + hostInterface;
    }

    /** The table, maps and hook chains, idempotently: safe to repeat in every transaction by any process. */
    String base() {
        String t = "bridge " + table;
        return String.join("\n",
                "add table " + t,
                "add map " + t + " ingress { type ifname : verdict ; }",
                "add map " + t + " egress { type ifname : verdict ; }",
                "add chain " + t + " forward { type filter hook forward priority 0 ; policy accept ; }",
                "add chain " + t + " output { type filter hook output priority 0 ; policy accept ; }",
                "add chain " + t + " input { type filter hook input priority 0 ; policy accept ; }",
                "flush chain " + t + " forward",
                "add rule " + t + " forward oifname vmap @ingress",
                "add rule " + t + " forward iifname vmap @egress",
                "flush chain " + t + " output",
                "add rule " + t + " output oifname vmap @ingress",
                "flush chain " + t + " input",
                "add rule " + t + " input iifname vmap @egress",
                "");
    }

    /**
     * One transaction that makes the instance's chains what the policy says.
     *
     * @param bridgeAddress the host's address on the bridge (DNS answers from it always pass), or null
     */
    String apply(String hostInterface, FirewallPolicy policy, String bridgeAddress) {
        requireInterface(hostInterface);
        String t = "bridge " + table;
        String in = inChain(hostInterface);
        String out = outChain(hostInterface);
        StringBuilder nft = new StringBuilder(base());
        nft.append("add chain ").append(t).append(' ').append(in).append('\n');
        nft.append("flush chain ").append(t).append(' ').append(in).append('\n');
        nft.append("add chain ").append(t).append(' ').append(out).append('\n');
        nft.append("flush chain ").append(t).append(' ').append(out).append('\n');
        String addIn = "add rule " + t + " " + in + " ";
        String addOut = "add rule " + t + " " + out + " ";
        nft.append(addIn).append("ether type arp return\n");
        nft.append(addIn).append("tcp flags & (syn | ack) != syn return\n");
        nft.append(addIn).append("udp sport 67 udp dport 68 return\n");
        if (bridgeAddress != null) {
            nft.append(addIn).append("ip saddr ").append(hostOf(bridgeAddress)).append(" udp sport 53 return\n");
        }
        nft.append(addIn).append("icmp type { echo-reply, destination-unreachable, time-exceeded } return\n");
        List<CheckedRule> rules = PolicyRules.checked(policy);
        for (CheckedRule rule : rules) {
            nft.append(rule.inbound() ? addIn : addOut).append(match(rule)).append(rule.allow() ? "return" : "drop")
                    .append('\n');
        }
        if (FirewallPolicy.DROP.equals(policy.defaultIngress())) {
            nft.append(addIn).append("drop\n");
        }
        // An existing element keeps its (identical) verdict: adding it again is a no-op, not an error.
        nft.append("add element ").append(t).append(" ingress { \"").append(hostInterface).append("\" : jump ")
                .append(in).append(" }\n");
        nft.append("add element ").append(t).append(" egress { \"").append(hostInterface).append("\" : jump ")
                .append(out).append(" }\n");
        return nft.toString();
    }

    /** One transaction that takes an interface's chains away; only for an interface {@link NftTable} listed. */
    String remove(String hostInterface) {
        requireInterface(hostInterface);
        String t = "bridge " + table;
        return String.join("\n",
                "delete element " + t + " ingress { \"" + hostInterface + "\" }",
                "delete element " + t + " egress { \"" + hostInterface + "\" }",
                "delete chain " + t + " " + inChain(hostInterface),
                "delete chain " + t + " " + outChain(hostInterface),
                "");
    }

    /** The match part of a rule; the peer is the sender of an inbound packet, the receiver of an outbound one. */
    static String match(CheckedRule rule) {
        StringBuilder m = new StringBuilder();
        if (rule.cidr() != null) {
            m.append(rule.inbound() ? "ip saddr " : "ip daddr ").append(rule.cidr()).append(' ');
        }
        switch (rule.protocol()) {
            case "tcp", "udp" -> {
                if (rule.fromPort() == 0) {
                    m.append("meta l4proto ").append(rule.protocol()).append(' ');
                } else {
                    m.append(rule.protocol()).append(" dport ").append(rule.fromPort());
                    if (rule.toPort() != rule.fromPort()) {
                        m.append('-').append(rule.toPort());
                    }
                    m.append(' ');
                }
            }
            case "icmp" -> m.append("meta l4proto icmp ");
            default -> {
                if (rule.cidr() == null) {
                    // "any" from anyone: IPv4 only, so that ARP (already passed above) is never what it means.
                    m.append("ether type ip ");
                }
            }
        }
        return m.toString();
    }

    private static String hostOf(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }

    private static void requireInterface(String hostInterface) {
        if (!validInterface(hostInterface)) {
            throw new IllegalArgumentException("not an interface name: " + hostInterface);
        }
    }
}
