package io.axion.api.network;

import java.util.List;

/**
 * The body of {@code POST /api/v1/instances/{name}/forwards}. Fields are boxed so that a missing one is reported
 * by name (422) instead of becoming 0.
 *
 * @param protocol {@code tcp} (the default when absent) or {@code udp}
 * @param sources  IPv4 addresses or CIDRs allowed to use the forward; absent or empty: anyone
 */
public record ForwardRequest(Integer hostPort, Integer containerPort, String protocol, List<String> sources) {

    public ForwardRequest {
        sources = sources == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sources));
    }

    /** A request without source limits. */
    public ForwardRequest(Integer hostPort, Integer containerPort, String protocol) {
        this(hostPort, containerPort, protocol, List.of());
    }
}
