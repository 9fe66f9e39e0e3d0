package io.axion.api.network;

import io.axion.api.lxd.ProxyForward;

/**
 * A port forward as the public API shows it: the host's {@code hostPort} reaches {@code containerPort} on the
 * instance's loopback.
 *
 * @param protocol {@code tcp} or {@code udp}
 */
public record Forward(int hostPort, int containerPort, String protocol) {

    public static Forward of(ProxyForward forward) {
        return new Forward(forward.hostPort(), forward.containerPort(), forward.protocol().label());
    }
}
