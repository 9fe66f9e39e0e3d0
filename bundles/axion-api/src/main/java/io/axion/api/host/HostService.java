package io.axion.api.host;

import io.axion.api.lxd.LxdHost;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The cluster's LXD hosts and who owns each. Exactly one live node owns a host at a time: it runs the host's jobs,
 * its LXD event stream and its telemetry (through the {@link HostAgent}s it starts). Every node may read from and
 * talk to every host's LXD (terminals, files), through {@link #lxd}.
 */
@ProviderType
public interface HostService {

    /** Every host, sorted by name, with its owner, state and capacity as this node sees them now. */
    List<Host> list();

    Optional<Host> find(String name);

    /** @throws io.axion.api.error.NotFoundException when there is no such host */
    default Host get(String name) {
        return find(name).orElseThrow(() -> new io.axion.api.error.NotFoundException("Host", name));
    }

    /**
     * The LXD of a host, connected on first use and kept while the host exists.
     *
     * @throws io.axion.api.error.NotFoundException when there is no such host
     */
    LxdHost lxd(String host);

    /**
     * The live owner of each host that has one, by host name: cheap (no LXD call, no allocation sums), for callers
     * that label many instances with their node.
     */
    default java.util.Map<String, String> owners() {
        java.util.Map<String, String> owners = new java.util.HashMap<>();
        for (Host host : list()) {
            if (host.owner() != null) {
                owners.put(host.name(), host.owner());
            }
        }
        return owners;
    }

    /** The hosts this node owns now. */
    Set<String> localHosts();

    /** Whether this node owns the host now. */
    default boolean isLocal(String host) {
        return localHosts().contains(host);
    }

    /** This node's name (as in {@code Host.owner}, jobs' {@code node} and instances' {@code node}). */
    String localNode();
}
