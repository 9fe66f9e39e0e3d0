package io.axion.lxd.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Local image aliases to use when a remote image ({@code images:debian/12}) cannot be fetched, as configured:
 * {@code images:debian/12=axion/debian-12, images:busybox=axion/busybox}.
 */
public record ImageFallbacks(Map<String, String> byImage) {

    public ImageFallbacks {
        byImage = Map.copyOf(byImage);
    }

    /** Parses {@code a=b} pairs separated by commas, semicolons or new lines; malformed pairs are rejected. */
    public static ImageFallbacks parse(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text != null) {
            for (String pair : text.split("[,;\\n]")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    throw new IllegalArgumentException("imageFallbacks: expected remote=local, got '" + pair.trim() + "'");
                }
                map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return new ImageFallbacks(map);
    }

    /** The local alias for an image name, when one is configured (the name is matched as written). */
    public Optional<String> fallbackFor(String image) {
        return Optional.ofNullable(byImage.get(image.trim()));
    }
}
