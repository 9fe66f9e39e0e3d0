package io.axion.firewall.internal;

import io.axion.api.error.ValidationException;
import io.axion.api.firewall.FirewallPolicy;
import io.axion.api.firewall.FirewallRule;
import io.axion.api.firewall.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a policy field by field (422 naming the first bad field) and gives its canonical form. */
final class PolicyRules {
    static final int MAX_RULES = 200;
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp", "any");
    private static final Pattern PORTS = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

    private PolicyRules() {
    }

    /** The policy as it is stored and shown: lower case, sources as canonical CIDRs. */
    static FirewallPolicy canonical(FirewallPolicy policy) {
        if (policy == null) {
            throw new ValidationException("body", "must be {defaultIngress, rules}");
        }
        String defaultIngress = policy.defaultIngress() == null ? FirewallPolicy.ALLOW
                : policy.defaultIngress().trim().toLowerCase(Locale.ROOT);
        if (!FirewallPolicy.ALLOW.equals(defaultIngress) && !FirewallPolicy.DROP.equals(defaultIngress)) {
            throw new ValidationException("defaultIngress", "must be allow or drop");
        }
        if (policy.rules().size() > MAX_RULES) {
            throw new ValidationException("rules", "at most " + MAX_RULES + " rules");
        }
        List<FirewallRule> rules = new ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            CheckedRule checked = check("rules[" + i + "]", policy.rules().get(i));
            rules.add(new FirewallRule(checked.inbound() ? "in" : "out", checked.protocol(),
                    checked.fromPort() == 0 ? null : checked.fromPort() == checked.toPort()
                            ? Integer.toString(checked.fromPort()) : checked.fromPort() + "-" + checked.toPort(),
                    checked.cidr(), checked.allow() ? FirewallPolicy.ALLOW : FirewallPolicy.DROP));
        }
        return new FirewallPolicy(defaultIngress, rules);
    }

    /** The checked rules of a canonical policy. */
    static List<CheckedRule> checked(FirewallPolicy policy) {
        List<CheckedRule> rules = new ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            rules.add(check("rules[" + i + "]", policy.rules().get(i)));
        }
        return rules;
    }

    static CheckedRule check(String field, FirewallRule rule) {
        if (rule == null) {
            throw new ValidationException(field, "must be a rule object");
        }
        String direction = lower(rule.direction());
        if (!"in".equals(direction) && !"out".equals(direction)) {
            throw new ValidationException(field + ".direction", "must be in or out");
        }
        String protocol = rule.protocol() == null ? "any" : lower(rule.protocol());
        if (!PROTOCOLS.contains(protocol)) {
            throw new ValidationException(field + ".protocol", "must be tcp, udp, icmp or any");
        }
        int from = 0;
        int to = 0;
        if (rule.ports() != null && !rule.ports().isBlank()) {
            if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
                throw new ValidationException(field + ".ports", "ports need protocol tcp or udp");
            }
            Matcher m = PORTS.matcher(rule.ports().trim());
            if (!m.matches()) {
                throw new ValidationException(field + ".ports", "must be a port (8000) or a range (8000-8100)");
            }
            from = Integer.parseInt(m.group(1));
            to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (from < 1 || to > 65535 || from > to) {
                throw new ValidationException(field + ".ports", "must be within 1-65535, low to high");
            }
        }
        String cidr = rule.source() == null || rule.source().isBlank() ? null : cidr(field + ".source", rule.source());
        String action = lower(rule.action());
        if (!FirewallPolicy.ALLOW.equals(action) && !FirewallPolicy.DROP.equals(action)) {
            throw new ValidationException(field + ".action", "must be allow or drop");
        }
        return new CheckedRule("in".equals(direction), protocol, from, to, cidr, FirewallPolicy.ALLOW.equals(action));
    }

    static String cidr(String field, String text) {
        return Ipv4Cidr.canonical(field, text);
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
