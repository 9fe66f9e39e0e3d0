package io.axion.api.lxd;

import java.util.Objects;

/**
 * A port forward: the host listens on {@code hostAddress:hostPort} and connects to {@code containerPort} on the
 * instance's loopback (an LXD proxy device).
 */
public record ProxyForward(String hostAddress, int hostPort, int containerPort, ForwardProtocol protocol) {

    public ProxyForward {
        Objects.requireNonNull(hostAddress, "hostAddress");
        protocol = protocol == null ? ForwardProtocol.TCP : protocol;
    }
}
