package io.axion.telemetry.internal.sampling;

import io.axion.api.lxd.LxdEvents;
import io.axion.api.lxd.LxdHost;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.telemetry.internal.cgroup.CgroupLayout;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampling of one host this node owns: its instance listing (kept by its LXD events), the sweeper that reads
 * its instances' cgroups (when its LXD is this machine's) or LXD's state API (when it is remote), and its latest
 * figures.
 */
final class HostSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostSampler.class);

    private final String host;
    private final LxdHost lxd;
    private final InstanceDirectory directory;
    private final Sweeper sweeper;
    private final LxdEvents.Subscription subscription;
    private volatile Map<String, InstanceUsage> latest = Map.of();
    private volatile int hostThreads = Runtime.getRuntime().availableProcessors();
    private long seq;

    /**
     * @param layout the local cgroups, or null when the host's instances have none on this machine
     */
    HostSampler(String host, LxdHost lxd, Source source, CgroupLayout layout, ExecutorService lxdCalls,
                int lxdParallelism, long intervalMs) {
        this.host = host;
        this.lxd = lxd;
        Source effective = layout == null ? Source.LXD : source;
        RemoteStatePoller remote = effective == Source.CGROUP ? null : new RemoteStatePoller(lxd.instances(),
                lxdCalls, lxdParallelism, TimeUnit.MILLISECONDS.toNanos(intervalMs));
        this.sweeper = new Sweeper(effective, remote);
        this.directory = new InstanceDirectory(lxd.instances(), lxd.server().project(), layout, lxdCalls);
        this.subscription = lxd.events().subscribe(directory);
        directory.refreshSoon();
        lxdCalls.execute(this::refreshHardware);
        LOG.info("Telemetry of host {} from {}", host, layout == null ? "LXD's state API" : "cgroups " + layout);
    }

    String host() {
        return host;
    }

    Map<String, InstanceUsage> latest() {
        return latest;
    }

    int hostThreads() {
        return hostThreads;
    }

    /** Asks for a new listing and re-reads the host's hardware (now and then, in case an event was missed). */
    void refresh(ExecutorService lxdCalls) {
        directory.refreshSoon();
        lxdCalls.execute(this::refreshHardware);
    }

    /** One sweep: reads every running instance, keeps the figures and returns them with the sweep's number. */
    Frame sweep(Instant at) {
        List<InstanceUsage> usages = sweeper.sweep(directory.targets(), hostThreads, at);
        Map<String, InstanceUsage> byName = new LinkedHashMap<>(usages.size() * 2);
        for (InstanceUsage usage : usages) {
            byName.put(usage.name(), usage);
        }
        latest = Collections.unmodifiableMap(byName);
        return new Frame(host, ++seq, hostThreads, usages);
    }

    /** What one sweep of one host found. */
    record Frame(String host, long seq, int hostThreads, List<InstanceUsage> usages) {
    }

    private void refreshHardware() {
        try {
            int threads = lxd.server().resources().cpuThreads();
            if (threads > 0) {
                hostThreads = threads;
            }
        } catch (RuntimeException e) {
            LOG.debug("LXD's resources of host {} unavailable, keeping {} threads: {}", host, hostThreads,
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        subscription.close();
        sweeper.close();
        latest = Map.of();
    }
}
