package io.axion.hosts.internal;

import io.axion.api.error.ValidationException;
import io.axion.api.host.HostEndpoint;
import io.axion.api.host.HostSpec;
import io.axion.api.instance.InstanceNames;
import java.net.URI;
import java.time.Instant;

/** The rules of {@code POST /api/v1/hosts}: 422 naming the field, before anything is stored. */
final class HostValidation {
    private HostValidation() {
    }

    static HostRecord record(HostSpec spec, String home) {
        if (spec == null) {
            throw new ValidationException("body", "is required");
        }
        String name = InstanceNames.requireValid("name", spec.name());
        HostEndpoint endpoint = spec.endpoint();
        if (spec.project() == null || spec.project().isBlank()) {
            throw new ValidationException("project", "is required");
        }
        if (!InstanceNames.isValid(spec.project().trim())) {
            throw new ValidationException("project", InstanceNames.RULE);
        }
        if (endpoint == null) {
            throw new ValidationException("url", "a url (https://host:8443) or a socket is required");
        }
        if (endpoint.remote()) {
            URI url;
            try {
                url = URI.create(endpoint.url().trim());
            } catch (IllegalArgumentException e) {
                throw new ValidationException("url", "is not a URL");
            }
            if (!"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new ValidationException("url", "must be https://host[:port]");
            }
            if ((endpoint.clientCertificate() == null) != (endpoint.clientKey() == null)) {
                throw new ValidationException("clientKey", "a client certificate and its key come together");
            }
        } else if (endpoint.socket() == null || !endpoint.socket().startsWith("/")) {
            throw new ValidationException("socket", "must be an absolute path (or give a url)");
        }
        return new HostRecord(name, endpoint, home, Instant.now());
    }
}
