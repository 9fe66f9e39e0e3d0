package io.axion.api.firewall;

import java.util.List;

/**
 * An instance's firewall, as {@code GET/PUT /api/v1/instances/{name}/firewall} show and take it.
 *
 * @param defaultIngress {@code allow} (the default) or {@code drop}: what becomes of a new inbound connection no rule
 *                       matched. Replies to the instance's own connections, ARP, DHCP and DNS from the bridge pass.
 * @param rules          in order; the first that matches decides
 */
public record FirewallPolicy(String defaultIngress, List<FirewallRule> rules) {
    public static final String ALLOW = "allow";
    public static final String DROP = "drop";
    /** An instance without rules: everything passes, as without a firewall. */
    public static final FirewallPolicy OPEN = new FirewallPolicy(ALLOW, List.of());

    public FirewallPolicy {
        // A null item stays, so that validation can name it (rules[2]) instead of failing here.
        rules = rules == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rules));
    }

    public boolean open() {
        return ALLOW.equals(defaultIngress) && rules.isEmpty();
    }
}
