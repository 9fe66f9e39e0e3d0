package io.axion.firewall.internal;

import io.axion.api.lxd.ForwardProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardSourcesRulesetTest {
    private final ForwardSourcesRuleset ruleset = new ForwardSourcesRuleset("axion");

    @Test
    void aHostsChainIsReplacedWholeAndDropsEveryoneElse() {
        String chain = ForwardSourcesRuleset.chainOf("axion-it-1a2b", "local");
        assertThat(chain).isEqualTo("fwd_axion_it_1a2b_local");
        String nft = ruleset.replace(chain, List.of(
                new ForwardSourcesRuleset.Guarded(10080, ForwardProtocol.TCP, "127.0.0.1", List.of("10.0.0.0/8", "127.0.0.1/32")),
                new ForwardSourcesRuleset.Guarded(10081, null, "0.0.0.0", List.of("192.168.0.0/16"))));
        assertThat(nft).startsWith("add table inet axion\n")
                .contains("add chain inet axion fwd_axion_it_1a2b_local { type filter hook input priority 0 ; policy accept ; }\n",
                        "flush chain inet axion fwd_axion_it_1a2b_local\n",
                        "add rule inet axion fwd_axion_it_1a2b_local ip daddr 127.0.0.1 tcp dport 10080 ip saddr != { 10.0.0.0/8, 127.0.0.1/32 } drop\n",
                        "add rule inet axion fwd_axion_it_1a2b_local tcp dport 10081 ip saddr != { 192.168.0.0/16 } drop\n",
                        "add rule inet axion fwd_axion_it_1a2b_local udp dport 10081 ip saddr != { 192.168.0.0/16 } drop\n",
                        "add rule inet axion fwd_axion_it_1a2b_local meta nfproto ipv6 udp dport 10081 drop\n")
                .doesNotContain("udp dport 10080");
    }
}
