package io.axion.api.lxd;

import io.axion.api.host.HostEndpoint;

/** Opens connections to hosts' LXDs, with the driver's settings (timeouts, image fallbacks, output limits). */
public interface LxdConnector {

    /** Connects to a host's LXD; nothing is sent until the first call, so this never blocks on the network. */
    Connection connect(String host, HostEndpoint endpoint);

    /**
     * The endpoint of the driver's own settings ({@code AXION_LXD_SOCKET} or {@code AXION_LXD_URL}, and
     * {@code AXION_LXD_PROJECT}): the host a node brings when its settings name no other.
     */
    HostEndpoint defaultEndpoint();

    /** An open host connection; closing it ends its event stream, health checks and client threads. */
    interface Connection extends LxdHost, AutoCloseable {
        @Override
        void close();
    }
}
