package io.axion.network.internal;

import io.axion.api.error.ValidationException;
import io.axion.api.lxd.ForwardProtocol;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.network.ForwardRequest;
import java.util.Locale;

/**
 * What a forward request must satisfy: a host port inside the configured range, a container port 1-65535 and a
 * protocol of {@code tcp} (the default) or {@code udp}.
 */
record PortRules(int hostPortMin, int hostPortMax, String listenAddress) {
    static final int MAX_PORT = 65535;

    PortRules {
        if (hostPortMin < 1 || hostPortMax > MAX_PORT || hostPortMin > hostPortMax) {
            throw new IllegalArgumentException("The host port range " + hostPortMin + "-" + hostPortMax
                    + " must lie within 1-" + MAX_PORT);
        }
        if (listenAddress == null || listenAddress.isBlank()) {
            throw new IllegalArgumentException("The listen address must not be empty");
        }
        listenAddress = listenAddress.trim();
    }

    static PortRules of(NetworkConfig config) {
        return new PortRules(config.hostPortMin(), config.hostPortMax(), config.listenAddress());
    }

    /** The forward to make, or a 422 naming the first offending field. */
    ProxyForward check(ForwardRequest request) {
        if (request == null) {
            throw new ValidationException("hostPort", "is required");
        }
        int hostPort = requireHostPort(request.hostPort());
        if (request.containerPort() == null) {
            throw new ValidationException("containerPort", "is required");
        }
        if (request.containerPort() < 1 || request.containerPort() > MAX_PORT) {
            throw new ValidationException("containerPort", "must be between 1 and " + MAX_PORT);
        }
        return new ProxyForward(listenAddress, hostPort, request.containerPort(), protocol(request.protocol()));
    }

    int requireHostPort(Integer hostPort) {
        if (hostPort == null) {
            throw new ValidationException("hostPort", "is required");
        }
        if (hostPort < hostPortMin || hostPort > hostPortMax) {
            throw new ValidationException("hostPort", "must be between " + hostPortMin + " and " + hostPortMax);
        }
        return hostPort;
    }

    static ForwardProtocol protocol(String label) {
        if (label == null) {
            return ForwardProtocol.TCP;
        }
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "tcp" -> ForwardProtocol.TCP;
            case "udp" -> ForwardProtocol.UDP;
            default -> throw new ValidationException("protocol", "must be tcp or udp");
        };
    }
}
