package io.axion.api.host;

/**
 * The body of {@code POST /api/v1/hosts}.
 *
 * @param name a host name as instance names are written ({@code ^[a-z][a-z0-9-]{0,61}[a-z0-9]$})
 */
public record HostSpec(String name, HostEndpoint endpoint) {
}
