package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdNotFoundException;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the managed bridge when it is missing, and adds the NIC on it to a new instance's devices.
 * <p>
 * The bridge has no uplink: no NAT, no IPv6, no external interface; LXD's dnsmasq gives DHCP leases on it.
 * {@code ipv4.firewall=false}: LXD's own rules for the bridge (DHCP/DNS accepts) are not wanted, because Axion's
 * per-instance filter is an nftables {@code bridge} table of its own (axion-firewall) and LXD picks its firewall
 * driver once at start, which fails on a host without iptables when nft came later. The bridge is shared by every
 * Axion project on this LXD (a project without {@code features.networks} uses the default project's networks).
 * <p>
 * {@code dns.mode=none}: with LXD's default ({@code managed}) an instance's name must be unique on the bridge across
 * every project, so a migration (the copy starts on the other host before the original goes) and two Axion
 * clusters on one LXD with the same instance name both fail to start ("Instance DNS name already used on
 * network"). Axion needs no DNS names on the bridge; an existing bridge is switched to it too.
 */
final class ManagedBridge {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedBridge.class);
    static final String DEVICE = "eth0";

    private final LxdConnection lxd;
    private final BridgeSettings settings;
    private volatile boolean ready;

    ManagedBridge(LxdConnection lxd) {
        this.lxd = lxd;
        this.settings = lxd.settings().bridge();
    }

    BridgeSettings settings() {
        return settings;
    }

    /** Once per connection: later calls cost nothing. A bridge made concurrently by another Axion is fine. */
    void ensure() {
        if (!settings.enabled() || ready) {
            return;
        }
        Subject subject = new Subject("Network", settings.name());
        try {
            LxdResponse existing = lxd.get("/1.0/networks/" + settings.name(), subject, "read network " + settings.name());
            if (!"none".equals(existing.metadata().path("config").path("dns.mode").asText())) {
                ObjectNode patch = JsonNodeFactory.instance.objectNode();
                patch.putObject("config").put("dns.mode", "none");
                lxd.send(LxdConnection.withJson(lxd.request(HttpMethod.PATCH, "/1.0/networks/" + settings.name()), patch),
                        subject, "set dns.mode=none on network " + settings.name());
            }
            ready = true;
            return;
        } catch (LxdNotFoundException missing) {
            LOG.info("Creating the LXD bridge {} ({}, no uplink)", settings.name(), settings.ipv4Address());
        }
        try {
            lxd.send(LxdConnection.withJson(lxd.request(HttpMethod.POST, "/1.0/networks"), definition(settings)),
                    subject, "create network " + settings.name());
        } catch (LxdAlreadyExistsException createdMeanwhile) {
            LOG.debug("Bridge {} was created concurrently", settings.name());
        }
        ready = true;
    }

    static ObjectNode definition(BridgeSettings settings) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", settings.name());
        body.put("type", "bridge");
        body.put("description", "Axion: instances' network, no uplink");
        body.putObject("config")
                .put("ipv4.address", settings.ipv4Address())
                .put("ipv4.nat", "false")
                .put("ipv4.dhcp", "true")
                .put("ipv4.firewall", "false")
                .put("dns.mode", "none")
                .put("ipv6.address", "none")
                .put("ipv6.firewall", "false");
        return body;
    }

    /** Adds {@code eth0} on the bridge to an instance definition's devices; nothing when the bridge is off. */
    static void addNic(ObjectNode instanceBody, BridgeSettings settings) {
        if (!settings.enabled()) {
            return;
        }
        ObjectNode devices = instanceBody.has("devices") ? (ObjectNode) instanceBody.get("devices")
                : instanceBody.putObject("devices");
        devices.putObject(DEVICE).put("type", "nic").put("network", settings.name()).put("name", DEVICE);
    }
}
