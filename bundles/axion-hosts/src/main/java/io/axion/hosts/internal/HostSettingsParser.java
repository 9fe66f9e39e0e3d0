package io.axion.hosts.internal;

import io.axion.api.error.ValidationException;
import io.axion.api.host.HostEndpoint;
import io.axion.api.instance.InstanceNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code AXION_HOSTS}: {@code NAME=ENDPOINT[?project=P]} entries separated by commas, where ENDPOINT is
 * {@code unix:/path/to/socket} or {@code https://host:8443}. Without a project, the driver's project is used.
 */
final class HostSettingsParser {
    private HostSettingsParser() {
    }

    record Entry(String name, HostEndpoint endpoint) {
    }

    static List<Entry> parse(String setting, HostEndpoint defaults) {
        List<Entry> entries = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return entries;
        }
        for (String item : setting.split(",")) {
            String text = item.trim();
            if (text.isEmpty()) {
                continue;
            }
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new ValidationException("hosts", "'" + text + "' is not NAME=ENDPOINT");
            }
            String name = InstanceNames.requireValid("hosts", text.substring(0, equals).trim());
            entries.add(new Entry(name, endpoint(text.substring(equals + 1).trim(), defaults)));
        }
        return entries;
    }

    private static HostEndpoint endpoint(String text, HostEndpoint defaults) {
        String where = text;
        String project = defaults.project();
        int query = text.indexOf('?');
        if (query >= 0) {
            where = text.substring(0, query);
            for (String pair : text.substring(query + 1).split("&")) {
                if (pair.startsWith("project=") && pair.length() > "project=".length()) {
                    project = pair.substring("project=".length());
                }
            }
        }
        String lower = where.toLowerCase(Locale.ROOT);
        if (lower.startsWith("unix:")) {
            String socket = where.substring("unix:".length()).replaceFirst("^//", "");
            return new HostEndpoint(null, socket.isEmpty() ? defaults.socket() : socket, project, null, null, null);
        }
        if (lower.startsWith("https://")) {
            try {
                new URI(where).getHost();
            } catch (URISyntaxException e) {
                throw new ValidationException("hosts", "'" + where + "' is not a URL");
            }
            return new HostEndpoint(where, null, project, defaults.clientCertificate(), defaults.clientKey(), null);
        }
        throw new ValidationException("hosts", "'" + text + "': an endpoint is unix:/path or https://host:port");
    }

    /** A node name as a host name: lower case, other characters as dashes, at most 63 characters. */
    static String hostNameFor(String node) {
        String name = node.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^[^a-z]+", "")
                .replaceAll("-+$", "");
        if (name.length() > 63) {
            name = name.substring(0, 63).replaceAll("-+$", "");
        }
        return name.isEmpty() ? "local" : name;
    }
}
