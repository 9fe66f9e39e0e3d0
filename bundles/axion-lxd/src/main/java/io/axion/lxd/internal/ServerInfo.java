package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/** LXD's version and API extensions, and whether it trusts Axion. */
record ServerInfo(String version, Set<String> extensions, boolean trusted) {
    static ServerInfo from(JsonNode metadata) {
        Set<String> extensions = new java.util.HashSet<>();
        metadata.path("api_extensions").forEach(e -> extensions.add(e.asText()));
        return new ServerInfo(metadata.path("environment").path("server_version").asText(null),
                Set.copyOf(extensions), "trusted".equals(metadata.path("auth").asText()));
    }
}
