package io.axion.firewall.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.firewall.FirewallPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axion's bridge table on this machine: applies an instance's policy to its veth, and removes the chains of veths
 * that are gone (an instance's veth is new at every start, so its old one's chains are left behind).
 */
class NftTable {
    private static final Logger LOG = LoggerFactory.getLogger(NftTable.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Nft nft;
    private final String table;
    private final BridgeRuleset ruleset;
    private final Predicate<String> interfaceExists;

    NftTable(Nft nft, String table) {
        this(nft, table, name -> Files.exists(Path.of("/sys/class/net", name)));
    }

    NftTable(Nft nft, String table, Predicate<String> interfaceExists) {
        this.nft = nft;
        this.table = table;
        this.ruleset = new BridgeRuleset(table);
        this.interfaceExists = interfaceExists;
    }

    BridgeRuleset ruleset() {
        return ruleset;
    }

    /** An open policy (allow, no rules) needs no chains: its veth's chains, if any, are removed. */
    synchronized void apply(String hostInterface, FirewallPolicy policy, String bridgeAddress) {
        if (policy.open()) {
            if (filtered().contains(hostInterface)) {
                nft.run(ruleset.remove(hostInterface));
            }
            return;
        }
        nft.run(ruleset.apply(hostInterface, policy, bridgeAddress));
        LOG.debug("Applied {} rule(s), default ingress {}, to {}", policy.rules().size(), policy.defaultIngress(),
                hostInterface);
    }

    /** Removes the chains of every veth that no longer exists on this machine; returns how many. */
    synchronized int removeStale() {
        int removed = 0;
        for (String hostInterface : filtered()) {
            if (!interfaceExists.test(hostInterface)) {
                try {
                    nft.run(ruleset.remove(hostInterface));
                    removed++;
                } catch (Nft.NftException e) {
                    // Another Axion on this machine may have removed it a moment ago.
                    LOG.debug("Could not remove the chains of {}: {}", hostInterface, e.getMessage());
                }
            }
        }
        return removed;
    }

    /** The veths the ingress map holds; empty when the table is not there yet. */
    Set<String> filtered() {
        String listing = nft.listJson("map", "bridge", table, "ingress");
        Set<String> names = new TreeSet<>();
        if (listing == null) {
            return names;
        }
        try {
            for (JsonNode item : JSON.readTree(listing).path("nftables")) {
                for (JsonNode element : item.path("map").path("elem")) {
                    String name = element.path(0).asText("");
                    if (BridgeRuleset.validInterface(name)) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read nft's listing", e);
        }
        return names;
    }
}
