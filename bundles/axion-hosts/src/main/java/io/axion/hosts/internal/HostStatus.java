package io.axion.hosts.internal;

import io.axion.api.host.HostCapacity;
import java.time.Instant;

/**
 * What a host's owner publishes about it (shared map {@value #MAP}), as {@code online|cores|memoryMiB|sinceMillis}:
 * whether its LXD answers, its physical CPU cores and memory, and since when the owner owns it.
 */
record HostStatus(boolean online, long cpu, long memoryMiB, Instant since) {
    static final String MAP = "host-status";

    HostCapacity capacity() {
        return new HostCapacity(cpu, memoryMiB, 0);
    }

    String format() {
        return (online ? "online" : "offline") + "|" + cpu + "|" + memoryMiB + "|" + since.toEpochMilli();
    }

    static HostStatus parse(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\\|");
        if (parts.length != 4) {
            return null;
        }
        try {
            return new HostStatus("online".equals(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
