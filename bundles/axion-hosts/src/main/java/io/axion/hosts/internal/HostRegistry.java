package io.axion.hosts.internal;

import io.axion.api.cluster.ClusterService;
import io.axion.api.cluster.SharedMapListener;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The host records, read from the store and kept in memory. A node that changes them bumps a version in the shared
 * map {@value #MAP}, which makes every node read them again at once (and each re-reads every ten seconds anyway).
 */
final class HostRegistry {
    static final String MAP = "host-records";
    private static final String VERSION = "version";

    private final HostRepository repository;
    private final ConcurrentMap<String, String> versions;
    private final ClusterService cluster;
    private volatile Map<String, HostRecord> records = Map.of();

    HostRegistry(HostRepository repository, ClusterService cluster) {
        this.repository = repository;
        this.cluster = cluster;
        this.versions = cluster.sharedMap(MAP);
    }

    void reload() {
        Map<String, HostRecord> fresh = new ConcurrentSkipListMap<>();
        for (HostRecord record : repository.list()) {
            fresh.put(record.name(), record);
        }
        records = fresh;
    }

    Collection<HostRecord> records() {
        return List.copyOf(records.values());
    }

    /**
     * The record of a host; one this node has not heard of yet (added on another node a moment ago, its announcement
     * still on the way or lost in a merge of cluster halves) is looked for in the store before it is called unknown.
     */
    Optional<HostRecord> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        HostRecord known = records.get(name);
        if (known == null) {
            reload();
            known = records.get(name);
        }
        return Optional.ofNullable(known);
    }

    boolean add(HostRecord record) {
        boolean added = repository.insertIfAbsent(record);
        if (added) {
            changed();
        }
        return added;
    }

    String conflict(HostRecord record) {
        String taken = repository.taken(record);
        return taken != null ? taken : "Host '" + record.name() + "' exists";
    }

    void remove(String name) {
        if (repository.delete(name)) {
            changed();
        }
    }

    /** Runs {@code onChange} whenever any node changes the records. */
    AutoCloseable listen(Runnable onChange) {
        return cluster.listen(MAP, new SharedMapListener() {
            @Override
            public void entryUpdated(String key, String value) {
                onChange.run();
            }

            @Override
            public void entryRemoved(String key) {
                onChange.run();
            }
        });
    }

    private void changed() {
        reload();
        versions.put(VERSION, UUID.randomUUID().toString());
    }
}
