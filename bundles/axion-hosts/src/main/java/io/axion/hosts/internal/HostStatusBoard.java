package io.axion.hosts.internal;

import io.axion.api.cluster.ClusterService;
import io.axion.api.lxd.LxdConnector;
import io.axion.api.lxd.ServerResources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of each host publishes whether its LXD answers and its hardware ({@link HostStatus}) in a shared map,
 * so that every node shows every host's state without asking its LXD. On a thread of its own: LXD calls may block.
 */
final class HostStatusBoard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostStatusBoard.class);
    private static final long MIB = 1024 * 1024;

    private final ConcurrentMap<String, String> statuses;
    private final Supplier<List<LxdConnector.Connection>> owned;
    private final Consumer<String> changed;
    private final Duration interval;
    private final Map<String, Instant> ownedSince = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "axion-hosts-status");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param owned   the connections of the hosts this node owns now
     * @param changed told the name of each host whose published state changed
     */
    HostStatusBoard(ClusterService cluster, Supplier<List<LxdConnector.Connection>> owned, Consumer<String> changed,
                    Duration interval) {
        this.statuses = cluster.sharedMap(HostStatus.MAP);
        this.owned = owned;
        this.changed = changed;
        this.interval = interval;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::publishAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    HostStatus status(String host) {
        return HostStatus.parse(statuses.get(host));
    }

    /** The owner of a host changed through this node: report soon (and restart its "since" if it is ours now). */
    void ownerChanged(String host) {
        ownedSince.remove(host);
        thread.execute(this::publishAll);
    }

    private void publishAll() {
        for (LxdConnector.Connection lxd : owned.get()) {
            try {
                publish(lxd);
            } catch (RuntimeException e) {
                LOG.debug("Publishing the state of host {} failed: {}", lxd.host(), e.toString());
            }
        }
    }

    private void publish(LxdConnector.Connection lxd) {
        String host = lxd.host();
        boolean firstReport = !ownedSince.containsKey(host);
        Instant since = ownedSince.computeIfAbsent(host, h -> Instant.now());
        HostStatus before = status(host);
        long cpu = before == null ? 0 : before.cpu();
        long memory = before == null ? 0 : before.memoryMiB();
        boolean online = lxd.status().reachable();
        if (online || firstReport) {
            // The first report since this node took the host asks LXD itself: the connection may not have been
            // probed yet (it would say unreachable), and what the dead owner published last must not stand; the
            // capacity is wanted at once too (placement, the quota).
            try {
                ServerResources resources = lxd.server().resources();
                cpu = resources.cpuCores();
                memory = resources.memoryBytes() / MIB;
                online = true;
            } catch (RuntimeException e) {
                online = false;
            }
        }
        HostStatus now = new HostStatus(online, cpu, memory, since);
        String value = now.format();
        if (!value.equals(statuses.get(host))) {
            statuses.put(host, value);
            if (before == null || before.online() != online || !before.since().equals(since)) {
                changed.accept(host);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
