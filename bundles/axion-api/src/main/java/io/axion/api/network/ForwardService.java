package io.axion.api.network;

import java.util.List;

/**
 * Port forwards as LXD proxy devices. A host port carries at most one forward across every instance of Axion's
 * LXD project (whatever the protocol), and never one a host process already listens on. What LXD holds is the
 * truth: there is no other record of forwards.
 */
public interface ForwardService {
    /**
     * The instance config key ({@code user.axion.forward-sources.<hostPort>}, comma-separated canonical CIDRs) that
     * records who may use a forward: kept beside the proxy device in LXD, so it follows the instance (migration,
     * backup, restore) as the device does; the firewall bundle enforces it on the host.
     */
    String SOURCES_KEY_PREFIX = "user.axion.forward-sources.";


    /**
     * Prefix of the cluster lock {@code forward-port:<host>:<address>:<port>} ({@link #portLock}) held while a host
     * port is checked and taken (or, by a restore, while its forwards are briefly absent from LXD). Take an
     * instance's lock {@code instance:<name>} before it, never after.
     */
    String PORT_LOCK_PREFIX = "forward-port:";

    /** The lock of one port: a host port is unique per host and listen address, cluster-wide. */
    static String portLock(String host, String address, int port) {
        return PORT_LOCK_PREFIX + host + ":" + address + ":" + port;
    }

    /**
     * @throws io.axion.api.error.ValidationException 422 for an invalid instance name
     * @throws io.axion.api.error.NotFoundException   404 for an unknown instance
     */
    List<Forward> list(String instance);

    /**
     * Adds a forward, race-free against concurrent requests on any node.
     *
     * @throws io.axion.api.error.ValidationException 422 for a host port outside the configured range, a container
     *                                                port outside 1-65535, an unknown protocol or a bad source
     * @throws io.axion.api.error.ConflictException   409 when an instance already forwards the host port or a host
     *                                                process listens on it
     */
    Forward add(String instance, ForwardRequest request);

    /** @throws io.axion.api.error.NotFoundException 404 when the instance does not forward that host port */
    void remove(String instance, int hostPort);
}
