package io.axion.hosts.internal;

import io.axion.api.host.HostEndpoint;
import io.axion.api.lxd.LxdConnector;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node brings the hosts of its settings at its first boot: those of {@code AXION_HOSTS}, else the LXD of its
 * driver settings named after the node. It is their home: it owns them whenever it is up.
 */
final class HostBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(HostBootstrap.class);

    private final HostRepository repository;
    private final LxdConnector connector;
    private final String node;

    HostBootstrap(HostRepository repository, LxdConnector connector, String node) {
        this.repository = repository;
        this.connector = connector;
        this.node = node;
    }

    void bringSettingsHosts(String setting) {
        HostEndpoint driver = connector.defaultEndpoint();
        List<HostSettingsParser.Entry> entries = HostSettingsParser.parse(setting, driver);
        if (entries.isEmpty()) {
            entries = List.of(new HostSettingsParser.Entry(HostSettingsParser.hostNameFor(node), driver));
        }
        if (!repository.firstBoot(node)) {
            return;
        }
        for (HostSettingsParser.Entry entry : entries) {
            HostRecord record = new HostRecord(entry.name(), entry.endpoint(), node, Instant.now());
            if (repository.insertIfAbsent(record)) {
                LOG.info("Host {} brought by node {}: {}", entry.name(), node, entry.endpoint().describe());
            } else {
                LOG.warn("Host {} ({}) was not added: {}", entry.name(), entry.endpoint().describe(),
                        repository.taken(record));
            }
        }
    }
}
