package io.axion.api.network;

/**
 * The body of {@code POST /api/v1/instances/{name}/forwards}. Fields are boxed so that a missing one is reported
 * by name (422) instead of becoming 0.
 *
 * @param protocol {@code tcp} (the default when absent) or {@code udp}
 */
public record ForwardRequest(Integer hostPort, Integer containerPort, String protocol) {
}
