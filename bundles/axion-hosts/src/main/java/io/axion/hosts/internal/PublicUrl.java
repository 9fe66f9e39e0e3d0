package io.axion.hosts.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Dictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's HTTP base URL, as other nodes hand it to clients: the {@code publicUrl} setting, else what the web
 * server's settings say it listens on.
 */
final class PublicUrl {
    private static final Logger LOG = LoggerFactory.getLogger(PublicUrl.class);

    private PublicUrl() {
    }

    /**
     * @param configured the {@code publicUrl} setting (blank: not set)
     * @param web        the properties of {@code io.axion.web}, or null when Config Admin has none
     * @return the URL without a trailing slash, or null when neither names an address others can reach
     */
    static String resolve(String configured, Dictionary<String, ?> web) {
        if (configured != null && !configured.isBlank()) {
            String url = configured.trim().replaceAll("/+$", "");
            if (isHttpUrl(url)) {
                return url;
            }
            LOG.warn("publicUrl '{}' is not an http(s)://host[:port] URL; using the web server's settings", url);
        }
        return web == null ? null : fromWebSettings(web);
    }

    private static String fromWebSettings(Dictionary<String, ?> web) {
        String host = setting(web, "host", "127.0.0.1");
        if (isWildcard(host)) {
            // Listening on every interface names no address that another machine is sure to reach.
            return null;
        }
        String port = setting(web, "port", "8080");
        // The same rule as the web bundle's TransportPolicy, so that the scheme is the one the server speaks.
        boolean https = "always".equalsIgnoreCase(setting(web, "tls", "auto"))
                || !setting(web, "tlsKeystore", "").isBlank()
                || (!isLoopback(host) && !Boolean.parseBoolean(setting(web, "allowPlainHttp", "false")));
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (https ? "https" : "http") + "://" + literal + ":" + port;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String setting(Dictionary<String, ?> web, String key, String fallback) {
        Object value = web.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
