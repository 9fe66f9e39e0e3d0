package io.axion.telemetry.internal.metrics;

import io.axion.api.cluster.ClusterService;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.host.HostService;
import io.axion.api.host.HostState;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.job.JobCount;
import io.axion.api.job.JobService;
import io.axion.api.telemetry.InstanceTelemetry;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.telemetry.internal.events.EventsRoute;
import io.axion.telemetry.internal.sampling.TelemetrySampler;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The registry behind {@code /metrics}: JVM basics from the Prometheus client's instrumentation, HTTP request
 * durations observed by {@link HttpTimingFilter}, and Axion's own figures collected at scrape time. A registry of
 * its own (not the client's global default), so that a restarted bundle starts clean.
 */
@Component(service = AxionMetrics.class)
public class AxionMetrics {
    /** Request durations from 1 ms to 30 s: API calls are fast, job-starting ones return at once. */
    private static final double[] HTTP_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private Histogram httpDurations;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstanceTelemetry telemetry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TelemetrySampler sampler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JobService jobs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventsRoute events;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstanceService instances;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostService hosts;

    @Reference
    private ClusterService cluster;

    private String node;
    private volatile JobMetrics jobMetrics;
    private volatile EventBus.Subscription jobEvents;
    private volatile EventBus bus;

    public AxionMetrics() {
    }

    /** For tests: the metrics of a member of {@code cluster}, to be activated. */
    AxionMetrics(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Activate
    void activate() {
        node = cluster.localNodeId();
        JvmMetrics.builder().register(registry);
        httpDurations = Histogram.builder().name(MetricNames.HTTP_REQUEST_DURATION)
                .help("HTTP requests by method, matched route template and status")
                .labelNames("method", "route", "status", MetricNames.LABEL_NODE).classicOnly()
                .classicUpperBounds(HTTP_BUCKETS)
                .register(registry);
        registry.register(new AxionCollector(new Sources()));
        jobMetrics = new JobMetrics(registry, node);
        listenToJobs(bus);
    }

    @Deactivate
    void deactivate() {
        EventBus.Subscription subscription = jobEvents;
        jobEvents = null;
        if (subscription != null) {
            subscription.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBus(EventBus eventBus) {
        bus = eventBus;
        if (jobMetrics != null) {
            listenToJobs(eventBus);
        }
    }

    void unbindBus(EventBus eventBus) {
        if (bus == eventBus) {
            bus = null;
            deactivate();
        }
    }

    private synchronized void listenToJobs(EventBus eventBus) {
        if (eventBus == null || jobEvents != null) {
            return;
        }
        JobMetrics observer = jobMetrics;
        jobEvents = eventBus.subscribe(Set.of(EventChannels.JOBS), event -> observer.onJob(event.data()));
    }

    public void observeRequest(String method, String route, int status, double seconds) {
        httpDurations.labelValues(method, route, Integer.toString(status), node).observe(seconds);
    }

    public String contentType() {
        return writer.getContentType();
    }

    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    /** Reads the optional services as they are bound at scrape time. */
    private final class Sources implements AxionCollector.Sources {
        @Override
        public Collection<InstanceUsage> instances() {
            InstanceTelemetry current = telemetry;
            return current == null ? null : current.latest().values();
        }

        @Override
        public List<JobCount> jobs() {
            JobService current = jobs;
            return current == null ? null : current.counts();
        }

        @Override
        public AxionCollector.EventsFigures events() {
            EventsRoute current = events;
            return current == null ? null : new AxionCollector.EventsFigures(current.clientCount(),
                    current.droppedFrames(), current.closedTooSlow(), current.lastFanOutNanos() / 1e9);
        }

        @Override
        public Double lastSweepSeconds() {
            TelemetrySampler current = sampler;
            return current == null ? null : current.lastSweepNanos() / 1e9;
        }

        @Override
        public String node() {
            return node;
        }

        @Override
        public Map<String, String> hostOfInstances() {
            InstanceService current = instances;
            if (current == null) {
                return null;
            }
            Map<String, String> hostOf = new HashMap<>();
            for (Instance instance : current.list()) {
                if (instance.host() != null) {
                    hostOf.put(instance.name(), instance.host());
                }
            }
            return hostOf;
        }

        @Override
        public Map<String, String> tenantOfInstances() {
            InstanceService current = instances;
            if (current == null) {
                return null;
            }
            Map<String, String> tenantOf = new HashMap<>();
            for (Instance instance : current.list()) {
                if (instance.tenant() != null) {
                    tenantOf.put(instance.name(), instance.tenant());
                }
            }
            return tenantOf;
        }

        @Override
        public List<AxionCollector.HostFigures> hosts() {
            HostService current = hosts;
            return current == null ? null : current.list().stream()
                    .map(h -> new AxionCollector.HostFigures(h.name(), h.owner(), h.state() == HostState.ONLINE))
                    .toList();
        }
    }
}
