package io.axion.hosts.internal;

import io.axion.api.lxd.LxdConnector;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** One open LXD connection per host record, made on first use and closed when the host goes or changes. */
final class HostConnections implements AutoCloseable {
    private record Open(HostRecord record, LxdConnector.Connection connection) {
    }

    private final LxdConnector connector;
    private final Map<String, Open> open = new ConcurrentHashMap<>();

    HostConnections(LxdConnector connector) {
        this.connector = connector;
    }

    LxdConnector.Connection get(HostRecord record) {
        Open current = open.compute(record.name(), (name, held) -> {
            if (held != null && held.record().endpoint().equals(record.endpoint())) {
                return held;
            }
            if (held != null) {
                held.connection().close();
            }
            return new Open(record, connector.connect(name, record.endpoint()));
        });
        return current.connection();
    }

    /** Closes the connections of hosts that no longer exist. */
    void retain(Collection<HostRecord> records) {
        Set<String> names = records.stream().map(HostRecord::name).collect(Collectors.toSet());
        open.keySet().stream().filter(name -> !names.contains(name)).toList().forEach(name -> {
            Open gone = open.remove(name);
            if (gone != null) {
                gone.connection().close();
            }
        });
    }

    @Override
    public void close() {
        open.values().forEach(o -> o.connection().close());
        open.clear();
    }
}
