package io.axion.api.host;

import java.util.Objects;

/**
 * Where a host's LXD answers, and the LXD project Axion works in there.
 *
 * @param url               {@code https://host:8443} of a remote LXD, or null for the local unix socket
 * @param socket            the local unix socket (used when {@code url} is null); null for the driver's default
 * @param project           the LXD project Axion works in (created when missing)
 * @param clientCertificate PEM client certificate for a remote LXD (null: the node's generated one)
 * @param clientKey         PEM private key of {@code clientCertificate}; a secret, never shown by the API
 * @param serverCertificate PEM certificate of the remote LXD to trust (null: any)
 */
public record HostEndpoint(String url, String socket, String project, String clientCertificate, String clientKey,
                           String serverCertificate) {

    public HostEndpoint {
        Objects.requireNonNull(project, "project");
    }

    public static HostEndpoint localSocket(String socket, String project) {
        return new HostEndpoint(null, socket, project, null, null, null);
    }

    public boolean remote() {
        return url != null && !url.isBlank();
    }

    /** How the endpoint is shown to people: the URL or {@code unix:<socket>}, and the project; no secrets. */
    public String describe() {
        return (remote() ? url : "unix:" + (socket == null ? "default" : socket)) + " project " + project;
    }
}
