package io.axion.firewall.internal;

import io.axion.api.firewall.FirewallPolicy;
import io.axion.api.firewall.FirewallRule;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BridgeRulesetTest {
    private final BridgeRuleset ruleset = new BridgeRuleset("axion");

    @Test
    void anInstanceUpdateIsOneTransactionOnItsOwnChains() {
        FirewallPolicy policy = PolicyRules.canonical(new FirewallPolicy("drop", List.of(
                new FirewallRule("in", "tcp", "8000", "10.147.0.23", "drop"),
                new FirewallRule("in", "tcp", "8000-8100", null, "allow"),
                new FirewallRule("out", "udp", "53", "10.0.0.0/8", "drop"),
                new FirewallRule("in", "icmp", null, "10.147.0.1", "drop"))));
        String nft = ruleset.apply("veth1a2b3c4d", policy, "10.147.0.1/24");
        assertThat(nft).contains(
                "flush chain bridge axion in_veth1a2b3c4d\n",
                "add rule bridge axion in_veth1a2b3c4d ether type arp return\n",
                "add rule bridge axion in_veth1a2b3c4d tcp flags & (syn | ack) != syn return\n",
                "add rule bridge axion in_veth1a2b3c4d ip saddr 10.147.0.1 udp sport 53 return\n",
                "add rule bridge axion in_veth1a2b3c4d ip saddr 10.147.0.23/32 tcp dport 8000 drop\n",
                "add rule bridge axion in_veth1a2b3c4d tcp dport 8000-8100 return\n",
                "add rule bridge axion out_veth1a2b3c4d ip daddr 10.0.0.0/8 udp dport 53 drop\n",
                "add rule bridge axion in_veth1a2b3c4d ip saddr 10.147.0.1/32 meta l4proto icmp drop\n",
                "add element bridge axion ingress { \"veth1a2b3c4d\" : jump in_veth1a2b3c4d }\n");
        // The default comes last, after every rule.
        assertThat(nft.indexOf("in_veth1a2b3c4d drop\n")).isGreaterThan(nft.lastIndexOf("meta l4proto icmp drop"));
        assertThat(nft).doesNotContain(" accept\n");
    }

    @Test
    void anAllowDefaultAddsNoFinalDrop() {
        String nft = ruleset.apply("veth1", PolicyRules.canonical(new FirewallPolicy("allow",
                List.of(new FirewallRule("in", "any", null, "10.0.0.9", "drop")))), null);
        assertThat(nft).contains("add rule bridge axion in_veth1 ip saddr 10.0.0.9/32 drop\n")
                .doesNotContain("in_veth1 drop\n").doesNotContain("sport 53");
    }

    @Test
    void onlyInterfaceNamesReachTheScript() {
        assertThatThrownBy(() -> ruleset.apply("veth0 }; flush ruleset", FirewallPolicy.OPEN, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ruleset.remove("veth9")).contains("delete chain bridge axion in_veth9\n");
    }
}
