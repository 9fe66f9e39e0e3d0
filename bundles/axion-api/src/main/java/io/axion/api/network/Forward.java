package io.axion.api.network;

import io.axion.api.lxd.ProxyForward;
import java.util.List;

/**
 * A port forward as the public API shows it: the host's {@code hostPort} reaches {@code containerPort} on the
 * instance's loopback.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param sources  the IPv4 CIDRs allowed to use it (canonical, e.g. {@code 10.0.0.0/8}); empty: anyone who can reach
 *                 the host address
 */
public record Forward(int hostPort, int containerPort, String protocol, List<String> sources) {

    public Forward {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** A forward anyone may use. */
    public Forward(int hostPort, int containerPort, String protocol) {
        this(hostPort, containerPort, protocol, List.of());
    }

    public static Forward of(ProxyForward forward) {
        return of(forward, List.of());
    }

    public static Forward of(ProxyForward forward, List<String> sources) {
        return new Forward(forward.hostPort(), forward.containerPort(), forward.protocol().label(), sources);
    }
}
