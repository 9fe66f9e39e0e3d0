package io.axion.hosts.internal;

import io.axion.api.host.HostEndpoint;
import java.time.Instant;

/** A host as the store keeps it. */
record HostRecord(String name, HostEndpoint endpoint, String home, Instant createdAt) {

    /** The URL or {@code unix:<socket>}, then {@code #project}: one LXD project is never two hosts. */
    String endpointKey() {
        return endpointKey(endpoint);
    }

    static String endpointKey(HostEndpoint endpoint) {
        String where = endpoint.remote() ? endpoint.url().trim().replaceAll("/+$", "")
                : "unix:" + (endpoint.socket() == null ? "" : endpoint.socket());
        return where + "#" + endpoint.project();
    }
}
