package io.axion.api.lxd;

import java.util.Locale;

/** The transport a port forward carries. */
public enum ForwardProtocol {
    TCP, UDP;

    /** {@code tcp} or {@code udp}, as in the public API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code tcp}/{@code udp} in any case; null means tcp. */
    public static ForwardProtocol fromLabel(String label) {
        if (label == null || label.isBlank()) {
            return TCP;
        }
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
