package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an image name points: a local alias, a local fingerprint, or an image on a well-known remote
 * ({@code images:}, {@code ubuntu:}), and the LXD {@code source} object that creates an instance from it.
 */
record ImageSource(String remote, String server, String name, boolean fingerprint) {
    private static final Pattern FINGERPRINT = Pattern.compile("^[0-9a-f]{12,64}$");
    /** The remotes {@code lxc} knows by default (simplestreams). */
    static final Map<String, String> KNOWN_REMOTES = Map.of(
            "images", "https://images.linuxcontainers.org",
            "ubuntu", "https://cloud-images.ubuntu.com/releases",
            "ubuntu-daily", "https://cloud-images.ubuntu.com/daily");

    static ImageSource parse(String image) {
        String value = image.trim();
        int colon = value.indexOf(':');
        if (colon > 0) {
            String remote = value.substring(0, colon);
            String name = value.substring(colon + 1);
            return new ImageSource(remote, KNOWN_REMOTES.get(remote), name, false);
        }
        return new ImageSource(null, null, value, FINGERPRINT.matcher(value).matches());
    }

    boolean isRemote() {
        return remote != null;
    }

    /** A remote that Axion does not know the server of. */
    boolean unknownRemote() {
        return remote != null && server == null;
    }

    ObjectNode toLxdSource() {
        ObjectNode source = JsonNodeFactory.instance.objectNode().put("type", "image");
        if (isRemote()) {
            source.put("mode", "pull").put("server", server).put("protocol", "simplestreams").put("alias", name);
        } else if (fingerprint) {
            source.put("fingerprint", name);
        } else {
            source.put("alias", name);
        }
        return source;
    }
}
