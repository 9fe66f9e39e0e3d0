package io.axion.telemetry.internal.sampling;

import java.util.Locale;

/** Where usage figures come from. */
enum Source {
    /** The host's cgroups; LXD's state API only when no running instance has a cgroup here (a remote LXD). */
    AUTO,
    /** Only the host's cgroups. */
    CGROUP,
    /** Only LXD's state API (~100 ms per instance: for a remote LXD with few instances). */
    LXD;

    static Source parse(String setting) {
        try {
            return valueOf(setting.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("source must be auto, cgroup or lxd, not '" + setting + "'");
        }
    }
}
