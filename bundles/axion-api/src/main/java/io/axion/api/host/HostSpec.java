package io.axion.api.host;

/**
 * The body of {@code POST /api/v1/hosts}: a name and an endpoint ({@code url} of a remote LXD, or the local
 * {@code socket}), and the project Axion works in there.
 *
 * @param name a host name as instance names are written ({@code ^[a-z][a-z0-9-]{0,61}[a-z0-9]$})
 */
public record HostSpec(String name, String url, String socket, String project, String clientCertificate,
                       String clientKey, String serverCertificate) {

    /** The endpoint it describes; null when it names neither a URL nor a socket, or no project. */
    public HostEndpoint endpoint() {
        boolean remote = url != null && !url.isBlank();
        if ((!remote && (socket == null || socket.isBlank())) || project == null) {
            return null;
        }
        return new HostEndpoint(remote ? url.trim() : null, remote ? null : socket.trim(), project.trim(),
                blankToNull(clientCertificate), blankToNull(clientKey), blankToNull(serverCertificate));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
