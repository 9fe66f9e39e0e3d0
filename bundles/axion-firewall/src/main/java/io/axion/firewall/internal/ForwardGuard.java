package io.axion.firewall.internal;

import io.axion.api.host.Host;
import io.axion.api.host.HostService;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.network.ForwardService;
import io.axion.api.error.ValidationException;
import io.axion.api.firewall.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the sources a port forward names: rebuilds a host's chain from what its LXD holds (the proxy devices and
 * the {@code user.axion.forward-sources.<port>} keys beside them), so there is nothing to keep in step. Only for
 * hosts this node owns whose LXD is this machine's socket: that is where the proxy devices listen.
 */
class ForwardGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardGuard.class);
    private final HostService hosts;
    private final Nft nft;
    private final String table;
    private final ForwardSourcesRuleset ruleset;

    ForwardGuard(HostService hosts, Nft nft, String table) {
        this.hosts = hosts;
        this.nft = nft;
        this.table = table;
        this.ruleset = new ForwardSourcesRuleset(table);
    }

    /** Every local host's chain, made to match LXD. */
    void applyAll() {
        for (Host host : hosts.list()) {
            if (hosts.isLocal(host.name()) && !host.endpoint().remote()) {
                apply(host);
            }
        }
    }

    synchronized void apply(Host host) {
        List<ForwardSourcesRuleset.Guarded> guarded = new ArrayList<>();
        for (InstanceInfo instance : hosts.lxd(host.name()).instances().list()) {
            for (Map.Entry<String, String> entry : instance.config().entrySet()) {
                if (!entry.getKey().startsWith(ForwardService.SOURCES_KEY_PREFIX) || entry.getValue().isBlank()) {
                    continue;
                }
                int port;
                try {
                    port = Integer.parseInt(entry.getKey().substring(ForwardService.SOURCES_KEY_PREFIX.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                // The key is written before the device exists: until then, both protocols on every address.
                Optional<ProxyForward> device = instance.forwards().stream().filter(f -> f.hostPort() == port).findFirst();
                guarded.add(new ForwardSourcesRuleset.Guarded(port, device.map(ProxyForward::protocol).orElse(null),
                        device.map(ProxyForward::hostAddress).orElse("0.0.0.0"), checked(instance.name(), entry.getValue())));
            }
        }
        String chain = ForwardSourcesRuleset.chainOf(host.endpoint().project(), host.name());
        if (guarded.isEmpty()) {
            // Nothing to guard: no nft call is needed unless a chain was left from earlier (and none if nft is absent).
            try {
                if (nft.listJson("chain", "inet", table, chain) != null) {
                    nft.run(ruleset.delete(chain));
                }
            } catch (Nft.NftException e) {
                LOG.debug("No forward chain to remove for {}: {}", host.name(), e.getMessage());
            }
            return;
        }
        nft.run(ruleset.replace(chain, guarded));
    }

    /**
     * The config value is text anyone with access to LXD could have written: each CIDR is checked again before it
     * goes into nft's input. If none is valid, nobody is allowed (rather than everybody).
     */
    private static List<String> checked(String instance, String sources) {
        List<String> valid = new ArrayList<>();
        for (String source : sources.split(",")) {
            try {
                valid.add(Ipv4Cidr.canonical("source", source));
            } catch (ValidationException e) {
                LOG.warn("Ignoring the bad forward source '{}' of {}", source, instance);
            }
        }
        return valid.isEmpty() ? List.of("255.255.255.255/32") : valid;
    }
}
