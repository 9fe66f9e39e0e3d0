package io.axion.telemetry.internal.sampling;

import io.axion.api.AxionConstants;
import io.axion.api.cluster.ClusterService;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.lxd.LxdEvents;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdServer;
import io.axion.api.telemetry.InstanceTelemetry;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.api.telemetry.TelemetryEvents;
import io.axion.telemetry.internal.TelemetryConfig;
import io.axion.telemetry.internal.cgroup.CgroupLayout;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every local instance's CPU and memory once per interval from the host's cgroups and publishes one
 * {@code telemetry} event per sweep (see {@link TelemetryEvents}). LXD is asked only for the instance listing
 * (refreshed on lifecycle events) and, for instances whose cgroups are not on this host, for their state.
 */
@Component(service = {InstanceTelemetry.class, TelemetrySampler.class}, immediate = true,
        configurationPid = AxionConstants.PID_TELEMETRY, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TelemetryConfig.class)
public class TelemetrySampler implements InstanceTelemetry {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetrySampler.class);

    @Reference
    private LxdInstances instances;

    @Reference
    private LxdEvents lxdEvents;

    @Reference
    private LxdServer server;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventBus bus;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterService cluster;

    private volatile Map<String, InstanceUsage> latest = Map.of();
    private volatile int hostThreads = Runtime.getRuntime().availableProcessors();
    private volatile long lastSweepNanos;
    private ScheduledExecutorService sweeps;
    private ExecutorService lxdCalls;
    private LxdEvents.Subscription subscription;
    private InstanceDirectory directory;
    private Sweeper sweeper;
    private long intervalMs;
    private long seq;
    private String hostName;

    @Activate
    void activate(TelemetryConfig config) {
        intervalMs = Math.max(100, config.intervalMs());
        Source source = Source.parse(config.source());
        CgroupLayout layout = source == Source.LXD ? null
                : CgroupLayout.of(Path.of(config.cgroupRoot()), config.cgroupVersion()).orElse(null);
        sweeps = Executors.newSingleThreadScheduledExecutor(daemon("axion-telemetry-sweep"));
        lxdCalls = Executors.newFixedThreadPool(Math.max(1, config.lxdParallelism()) + 1, daemon("axion-telemetry-lxd"));
        RemoteStatePoller remote = source == Source.CGROUP ? null : new RemoteStatePoller(instances, lxdCalls,
                config.lxdParallelism(), TimeUnit.MILLISECONDS.toNanos(intervalMs));
        sweeper = new Sweeper(source, remote);
        directory = new InstanceDirectory(instances, server.project(), layout, lxdCalls);
        subscription = lxdEvents.subscribe(directory);
        hostName = localHostName();

        directory.refreshSoon();
        lxdCalls.execute(this::refreshHost);
        int refresh = Math.max(1, config.listRefreshSeconds());
        sweeps.scheduleWithFixedDelay(() -> {
            directory.refreshSoon();
            lxdCalls.execute(this::refreshHost);
        }, refresh, refresh, TimeUnit.SECONDS);
        sweeps.scheduleAtFixedRate(this::sweepSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        LOG.info("Telemetry every {} ms from {} (source {}, project {})", intervalMs,
                layout == null ? "LXD's state API" : "cgroups " + layout, source, server.project());
    }

    @Deactivate
    void deactivate() {
        if (subscription != null) {
            subscription.close();
        }
        sweeps.shutdownNow();
        lxdCalls.shutdownNow();
        try {
            sweeps.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sweeper.close();
        latest = Map.of();
    }

    @Override
    public Map<String, InstanceUsage> latest() {
        return latest;
    }

    /** How long the latest sweep took (reading, computing and publishing), in nanoseconds. */
    public long lastSweepNanos() {
        return lastSweepNanos;
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("A telemetry sweep failed", e);
        }
    }

    private void sweep() {
        long started = System.nanoTime();
        Instant at = Instant.now();
        int threads = hostThreads;
        List<InstanceUsage> usages = sweeper.sweep(directory.targets(), threads, at);
        Map<String, InstanceUsage> byName = new LinkedHashMap<>(usages.size() * 2);
        List<Object> json = new ArrayList<>(usages.size());
        for (InstanceUsage usage : usages) {
            byName.put(usage.name(), usage);
            json.add(usage.toJson());
        }
        latest = Collections.unmodifiableMap(byName);
        publish(json, threads, at);
        lastSweepNanos = System.nanoTime() - started;
    }

    private void publish(List<Object> instancesJson, int threads, Instant at) {
        EventBus target = bus;
        if (target == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", nodeName());
        data.put("seq", ++seq);
        data.put("intervalMs", intervalMs);
        data.put("hostCpuThreads", threads);
        data.put("instances", instancesJson);
        try {
            target.publish(new AxionEvent(EventChannels.TELEMETRY, TelemetryEvents.USAGE, data, at));
        } catch (RuntimeException e) {
            LOG.debug("Publishing telemetry failed: {}", e.getMessage());
        }
    }

    private void refreshHost() {
        try {
            int threads = server.resources().cpuThreads();
            if (threads > 0) {
                hostThreads = threads;
            }
        } catch (RuntimeException e) {
            LOG.debug("LXD's resources unavailable, keeping {} host threads: {}", hostThreads, e.getMessage());
        }
    }

    private String nodeName() {
        ClusterService members = cluster;
        if (members != null) {
            try {
                return members.localNodeId();
            } catch (RuntimeException e) {
                // the cluster is starting or stopping: the host name will do
            }
        }
        return hostName;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
