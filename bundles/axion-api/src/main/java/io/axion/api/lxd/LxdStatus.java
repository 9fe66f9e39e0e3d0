package io.axion.api.lxd;

import java.util.Optional;

/** Whether the LXD daemon answers right now; kept current by the driver without a call per request. */
public interface LxdStatus {
    boolean reachable();

    /** LXD's version as it reported it, when reachable. */
    Optional<String> serverVersion();
}
