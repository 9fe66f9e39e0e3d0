package io.axion.firewall.internal;

import io.axion.api.error.ValidationException;
import io.axion.api.firewall.FirewallPolicy;
import io.axion.api.firewall.FirewallRule;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyRulesTest {

    private static FirewallPolicy one(FirewallRule rule) {
        return new FirewallPolicy("drop", java.util.Arrays.asList(rule));
    }

    @Test
    void aPolicyIsStoredInCanonicalForm() {
        FirewallPolicy canonical = PolicyRules.canonical(new FirewallPolicy(null, List.of(
                new FirewallRule("IN", "TCP", " 8000 ", "10.147.0.23", "Drop"),
                new FirewallRule("out", "udp", "5000-5100", "10.1.2.3/8", "allow"),
                new FirewallRule("in", null, null, null, "allow"))));
        assertThat(canonical).isEqualTo(new FirewallPolicy("allow", List.of(
                new FirewallRule("in", "tcp", "8000", "10.147.0.23/32", "drop"),
                new FirewallRule("out", "udp", "5000-5100", "10.0.0.0/8", "allow"),
                new FirewallRule("in", "any", null, null, "allow"))));
    }

    @Test
    void eachBadFieldIsNamed() {
        assertBad(new FirewallPolicy("reject", List.of()), "defaultIngress");
        assertBad(one(new FirewallRule("sideways", "tcp", "80", null, "drop")), "rules[0].direction");
        assertBad(one(new FirewallRule("in", "sctp", "80", null, "drop")), "rules[0].protocol");
        assertBad(one(new FirewallRule("in", "icmp", "80", null, "drop")), "rules[0].ports");
        assertBad(one(new FirewallRule("in", "tcp", "80-", null, "drop")), "rules[0].ports");
        assertBad(one(new FirewallRule("in", "tcp", "9000-8000", null, "drop")), "rules[0].ports");
        assertBad(one(new FirewallRule("in", "tcp", "70000", null, "drop")), "rules[0].ports");
        assertBad(one(new FirewallRule("in", "tcp", "0", null, "drop")), "rules[0].ports");
        assertBad(one(new FirewallRule("in", "tcp", "80", "10.0.0.256", "drop")), "rules[0].source");
        assertBad(one(new FirewallRule("in", "tcp", "80", "10.0.0.0/33", "drop")), "rules[0].source");
        assertBad(one(new FirewallRule("in", "tcp", "80", "fd00::/8", "drop")), "rules[0].source");
        assertBad(one(new FirewallRule("in", "tcp", "80", "10.0.0.1; flush ruleset", "drop")), "rules[0].source");
        assertBad(one(new FirewallRule("in", "tcp", "80", null, "reject")), "rules[0].action");
        assertBad(one(null), "rules[0]");
        assertBad(null, "body");
    }

    @Test
    void aCidrLosesItsHostBits() {
        assertThat(PolicyRules.cidr("f", "192.168.7.9/16")).isEqualTo("192.168.0.0/16");
        assertThat(PolicyRules.cidr("f", "0.0.0.0/0")).isEqualTo("0.0.0.0/0");
    }

    private static void assertBad(FirewallPolicy policy, String field) {
        assertThatThrownBy(() -> PolicyRules.canonical(policy)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(field + ":");
    }
}
