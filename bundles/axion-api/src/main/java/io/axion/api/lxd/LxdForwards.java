package io.axion.api.lxd;

import java.util.List;

/** Port forwards: LXD proxy devices from a host address and port to a port on the instance's loopback. */
public interface LxdForwards {

    /** The instance's forwards (also those made outside Axion, when LXD's proxy syntax allows reading them). */
    List<ProxyForward> list(String instance);

    /** @throws LxdAlreadyExistsException when the instance already forwards that host port and protocol */
    void add(String instance, ProxyForward forward);

    /** Removes the forwards of that host port (all protocols); removing a missing one does nothing. */
    void remove(String instance, int hostPort);
}
