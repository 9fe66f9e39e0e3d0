package io.axion.telemetry.internal.metrics;

import io.axion.api.job.JobCount;
import io.axion.api.telemetry.InstanceUsage;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axion's own figures, gathered at scrape time from the services that hold them: per-instance usage from the latest
 * telemetry sweep (labelled with the instance's host and the node answering), each host's state and owner, job counts
 * from the job engine, and the events route's counters. A source that is not installed (or fails) leaves its
 * families out.
 */
final class AxionCollector implements MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(AxionCollector.class);

    /** What the collector reads; each supplier answers null when its service is absent. */
    interface Sources {
        Collection<InstanceUsage> instances();

        List<JobCount> jobs();

        EventsFigures events();

        Double lastSweepSeconds();

        /** The node answering this scrape. */
        String node();

        /** The host of each instance, by name; null when the instance view is absent. */
        Map<String, String> hostOfInstances();

        /** Every host of the cluster; null when the host service is absent. */
        List<HostFigures> hosts();
    }

    record HostFigures(String name, String owner, boolean online) {
    }

    record EventsFigures(int clients, long droppedFrames, long closedSlow, double lastFanOutSeconds) {
    }

    private final Sources sources;

    AxionCollector(Sources sources) {
        this.sources = sources;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        guarded("instances", () -> instances(snapshots));
        guarded("hosts", () -> hosts(snapshots));
        guarded("jobs", () -> jobs(snapshots));
        guarded("events", () -> events(snapshots));
        Double sweep = sources.lastSweepSeconds();
        if (sweep != null) {
            snapshots.add(gauge(MetricNames.SWEEP_SECONDS, "Duration of the latest telemetry sweep", sweep));
        }
        return new MetricSnapshots(snapshots);
    }

    private void instances(List<MetricSnapshot> snapshots) {
        Collection<InstanceUsage> usages = sources.instances();
        if (usages == null) {
            return;
        }
        CounterSnapshot.Builder cpu = CounterSnapshot.builder().name(MetricNames.INSTANCE_CPU_SECONDS)
                .help("CPU time used by the instance since it started");
        GaugeSnapshot.Builder memory = GaugeSnapshot.builder().name(MetricNames.INSTANCE_MEMORY_BYTES)
                .help("Memory in use by the instance, page cache included");
        Map<String, String> hostOf = sources.hostOfInstances();
        String node = sources.node();
        for (InstanceUsage usage : usages) {
            String host = hostOf == null ? null : hostOf.get(usage.name());
            Labels labels = Labels.of(MetricNames.LABEL_INSTANCE, usage.name(), MetricNames.LABEL_HOST,
                    host == null ? "" : host, MetricNames.LABEL_NODE, node);
            cpu.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(usage.cpuSeconds())
                    .build());
            memory.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                    .value(usage.memoryBytes()).build());
        }
        snapshots.add(cpu.build());
        snapshots.add(memory.build());
    }

    private void hosts(List<MetricSnapshot> snapshots) {
        List<HostFigures> hosts = sources.hosts();
        if (hosts == null) {
            return;
        }
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name(MetricNames.HOST_UP)
                .help("1 when the host's LXD answers its owner, 0 when it is offline or has no owner");
        for (HostFigures host : hosts) {
            up.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of(MetricNames.LABEL_HOST, host.name(), "owner",
                            host.owner() == null ? "" : host.owner(), MetricNames.LABEL_NODE, sources.node()))
                    .value(host.online() ? 1 : 0).build());
        }
        snapshots.add(up.build());
    }

    private void jobs(List<MetricSnapshot> snapshots) {
        List<JobCount> counts = sources.jobs();
        if (counts == null) {
            return;
        }
        GaugeSnapshot.Builder jobs = GaugeSnapshot.builder().name(MetricNames.JOBS)
                .help("Jobs by type and state (finished jobs until they are pruned)");
        for (JobCount count : counts) {
            jobs.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("type", count.type(), "state", count.state().name())).value(count.count()).build());
        }
        snapshots.add(jobs.build());
    }

    private void events(List<MetricSnapshot> snapshots) {
        EventsFigures figures = sources.events();
        if (figures == null) {
            return;
        }
        snapshots.add(gauge(MetricNames.EVENTS_CLIENTS, "Open /ws/events connections", figures.clients()));
        snapshots.add(counter(MetricNames.EVENTS_DROPPED, "Telemetry frames dropped for slow /ws/events clients",
                figures.droppedFrames()));
        snapshots.add(counter(MetricNames.EVENTS_CLOSED_SLOW, "/ws/events clients closed for not keeping up",
                figures.closedSlow()));
        snapshots.add(gauge(MetricNames.EVENTS_FANOUT_SECONDS, "How long handing the latest event to every "
                + "/ws/events client took", figures.lastFanOutSeconds()));
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static void guarded(String what, Runnable collect) {
        try {
            collect.run();
        } catch (RuntimeException e) {
            LOG.debug("Metrics of {} unavailable: {}", what, e.getMessage());
        }
    }
}
