package io.axion.network.internal;

import io.axion.api.lxd.ForwardProtocol;

/** Whether a host process holds a port (the forward's proxy could not bind it). */
interface HostPorts {

    boolean inUse(String address, int port, ForwardProtocol protocol);
}
