package io.axion.api.lxd;

import java.time.Instant;
import java.util.List;

/** An image that LXD holds locally. {@code size} is in bytes. */
public record ImageInfo(String fingerprint, List<String> aliases, String description, long size,
                        String architecture, Instant uploadedAt) {

    public ImageInfo {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
