package io.axion.telemetry.internal.sampling;

import io.axion.api.AxionConstants;
import io.axion.api.cluster.ClusterService;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.host.HostAgent;
import io.axion.api.host.HostService;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.lxd.LxdHost;
import io.axion.api.telemetry.InstanceTelemetry;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.api.telemetry.TelemetryEvents;
import io.axion.telemetry.internal.TelemetryConfig;
import io.axion.telemetry.internal.cgroup.CgroupLayout;
import io.axion.telemetry.internal.stats.StatsService;
import io.axion.telemetry.internal.stats.SweepRecorder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
 * Samples the instances of every host this node owns once per interval (it is a {@link HostAgent}: a
 * {@link HostSampler} per owned host) and publishes one {@code telemetry} event per host and sweep (see
 * {@link TelemetryEvents}), with the host's name. Every node also keeps the latest figures other nodes published for
 * their hosts, so that any node's instance list shows every instance's usage.
 */
@Component(service = {InstanceTelemetry.class, TelemetrySampler.class, HostAgent.class}, immediate = true,
        configurationPid = AxionConstants.PID_TELEMETRY, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TelemetryConfig.class)
public class TelemetrySampler implements InstanceTelemetry, HostAgent {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetrySampler.class);

    @Reference
    private HostService hosts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterService cluster;

    /** Historical statistics; absent (no store) means live figures only. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StatsService stats;

    /** The instance view, for each instance's tenant in the statistics; absent means no tenant series. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstanceService instances;

    private final Map<String, HostSampler> samplers = new ConcurrentHashMap<>();
    private final RemoteFigures remote = new RemoteFigures();
    private volatile EventBus bus;
    private volatile EventBus.Subscription remoteFrames;
    private volatile long lastSweepNanos;
    private ScheduledExecutorService sweeps;
    private ExecutorService lxdCalls;
    private TelemetryConfig config;
    private CgroupLayout layout;
    private Source source;
    private long intervalMs;

    @Activate
    void activate(TelemetryConfig config) {
        this.config = config;
        intervalMs = Math.max(100, config.intervalMs());
        source = Source.parse(config.source());
        layout = source == Source.LXD ? null
                : CgroupLayout.of(Path.of(config.cgroupRoot()), config.cgroupVersion()).orElse(null);
        sweeps = Executors.newSingleThreadScheduledExecutor(daemon("axion-telemetry-sweep"));
        lxdCalls = Executors.newFixedThreadPool(Math.max(1, config.lxdParallelism()) + 1, daemon("axion-telemetry-lxd"));
        int refresh = Math.max(1, config.listRefreshSeconds());
        sweeps.scheduleWithFixedDelay(() -> samplers.values().forEach(s -> s.refresh(lxdCalls)), refresh, refresh,
                TimeUnit.SECONDS);
        sweeps.scheduleAtFixedRate(this::sweepSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        listenToOtherNodes(bus);
        LOG.info("Telemetry every {} ms (source {}, local cgroups {})", intervalMs, source,
                layout == null ? "none" : layout);
    }

    @Deactivate
    void deactivate() {
        EventBus.Subscription subscription = remoteFrames;
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
        samplers.values().forEach(HostSampler::close);
        samplers.clear();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBus(EventBus eventBus) {
        bus = eventBus;
        if (sweeps != null) {
            listenToOtherNodes(eventBus);
        }
    }

    void unbindBus(EventBus eventBus) {
        if (bus == eventBus) {
            bus = null;
            EventBus.Subscription subscription = remoteFrames;
            remoteFrames = null;
            if (subscription != null) {
                subscription.close();
            }
        }
    }

    @Override
    public AutoCloseable hostAcquired(String host, LxdHost lxd) {
        // A remote host's instances have no cgroups on this machine: its usage comes from LXD's state API.
        CgroupLayout local = hosts.find(host).map(h -> h.endpoint().remote()).orElse(false) ? null : layout;
        HostSampler sampler = new HostSampler(host, lxd, source, local, lxdCalls, config.lxdParallelism(),
                intervalMs);
        samplers.put(host, sampler);
        return () -> {
            samplers.remove(host, sampler);
            sampler.close();
        };
    }

    @Override
    public Map<String, InstanceUsage> latest() {
        Map<String, InstanceUsage> all = new HashMap<>(remote.latest(samplers.keySet()));
        for (HostSampler sampler : samplers.values()) {
            all.putAll(sampler.latest());
        }
        return all;
    }

    /** One lookup per map rather than a copy of every figure: the instance list asks this once per instance. */
    @Override
    public Optional<InstanceUsage> latest(String instance) {
        for (HostSampler sampler : samplers.values()) {
            InstanceUsage usage = sampler.latest().get(instance);
            if (usage != null) {
                return Optional.of(usage);
            }
        }
        return remote.latest(instance, samplers.keySet());
    }

    /** How long the latest sweep took (reading, computing and publishing every owned host), in nanoseconds. */
    public long lastSweepNanos() {
        return lastSweepNanos;
    }

    private void listenToOtherNodes(EventBus eventBus) {
        if (eventBus == null || remoteFrames != null) {
            return;
        }
        remoteFrames = eventBus.subscribe(java.util.Set.of(EventChannels.TELEMETRY), event -> {
            Object host = event.data().get("host");
            if (host instanceof String name && !samplers.containsKey(name)) {
                remote.frame(name, event.data(), event.at());
            }
        });
    }

    private void sweepSafely() {
        try {
            long started = System.nanoTime();
            Instant at = Instant.now();
            StatsService history = stats;
            InstanceService view = instances;
            Function<String, String> tenantOf = view == null ? null
                    : name -> view.find(name).map(Instance::tenant).orElse(null);
            for (HostSampler sampler : List.copyOf(samplers.values())) {
                HostSampler.Frame frame = sampler.sweep(at);
                publish(frame, at);
                if (history != null) {
                    SweepRecorder.record(history, frame.host(), frame.usages(), at.getEpochSecond(), tenantOf);
                }
            }
            if (history != null) {
                history.flush();
            }
            lastSweepNanos = System.nanoTime() - started;
        } catch (RuntimeException e) {
            LOG.warn("A telemetry sweep failed", e);
        }
    }

    private void publish(HostSampler.Frame frame, Instant at) {
        EventBus target = bus;
        if (target == null) {
            return;
        }
        List<Object> instances = new ArrayList<>(frame.usages().size());
        frame.usages().forEach(u -> instances.add(u.toJson()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", nodeName());
        data.put("host", frame.host());
        data.put("seq", frame.seq());
        data.put("intervalMs", intervalMs);
        data.put("hostCpuThreads", frame.hostThreads());
        data.put("instances", instances);
        try {
            target.publish(new AxionEvent(EventChannels.TELEMETRY, TelemetryEvents.USAGE, data, at));
        } catch (RuntimeException e) {
            LOG.debug("Publishing telemetry failed: {}", e.getMessage());
        }
    }

    private String nodeName() {
        ClusterService members = cluster;
        if (members != null) {
            try {
                return members.localNodeId();
            } catch (RuntimeException e) {
                // the cluster is starting or stopping: the host service's name will do
            }
        }
        return hosts.localNode();
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
