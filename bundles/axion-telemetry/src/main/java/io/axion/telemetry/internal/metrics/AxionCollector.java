package io.axion.telemetry.internal.metrics;

import io.axion.api.job.JobCount;
import io.axion.api.job.JobState;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.api.telemetry.IoRates;
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
import java.util.TreeMap;
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

        /** The tenant of each instance, by name; null when the instance view is absent. */
        default Map<String, String> tenantOfInstances() {
            return null;
        }

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
        GaugeSnapshot.Builder[] rates = {
            rate(MetricNames.INSTANCE_DISK_READ_RATE, "Bytes per second the instance read from block devices"),
            rate(MetricNames.INSTANCE_DISK_WRITE_RATE, "Bytes per second the instance wrote to block devices"),
            rate(MetricNames.INSTANCE_NET_RX_RATE, "Bytes per second the instance's network devices received"),
            rate(MetricNames.INSTANCE_NET_TX_RATE, "Bytes per second the instance's network devices sent")};
        Map<String, double[]> hostSums = new TreeMap<>();
        Map<String, String> hostOf = sources.hostOfInstances();
        Map<String, String> tenantOf = sources.tenantOfInstances();
        String node = sources.node();
        for (InstanceUsage usage : usages) {
            String host = hostOf == null ? null : hostOf.get(usage.name());
            String tenant = tenantOf == null ? null : tenantOf.get(usage.name());
            Labels labels = Labels.of(MetricNames.LABEL_INSTANCE, usage.name(), MetricNames.LABEL_HOST,
                    host == null ? "" : host, MetricNames.LABEL_NODE, node, MetricNames.LABEL_TENANT,
                    tenant == null ? "" : tenant);
            cpu.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(usage.cpuSeconds())
                    .build());
            memory.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                    .value(usage.memoryBytes()).build());
            IoRates io = usage.io();
            Double[] values = {io.diskReadBytesPerSecond(), io.diskWriteBytesPerSecond(), io.netRxBytesPerSecond(),
                io.netTxBytesPerSecond()};
            for (int i = 0; i < rates.length; i++) {
                if (values[i] != null) { // unknown (no device, no counter) is no series rather than a false 0
                    rates[i].dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                            .value(values[i]).build());
                }
            }
            if (host != null) {
                double[] sums = hostSums.computeIfAbsent(host, h -> new double[3]);
                sums[0] += usage.cpuCores() == null ? 0 : usage.cpuCores();
                sums[1] += usage.memoryBytes();
                sums[2]++;
            }
        }
        snapshots.add(cpu.build());
        snapshots.add(memory.build());
        for (GaugeSnapshot.Builder builder : rates) {
            snapshots.add(builder.build());
        }
        hostSums(snapshots, hostSums, node);
    }

    /** Per host, the sums of its running instances: what its guests use, as the statistics keep it. */
    private static void hostSums(List<MetricSnapshot> snapshots, Map<String, double[]> sums, String node) {
        GaugeSnapshot.Builder cores = GaugeSnapshot.builder().name(MetricNames.HOST_CPU_CORES)
                .help("Cores the host's running instances keep busy, summed");
        GaugeSnapshot.Builder memory = GaugeSnapshot.builder().name(MetricNames.HOST_MEMORY_BYTES)
                .help("Memory the host's running instances use, summed");
        GaugeSnapshot.Builder running = GaugeSnapshot.builder().name(MetricNames.HOST_RUNNING_INSTANCES)
                .help("Running instances sampled on the host");
        sums.forEach((host, figures) -> {
            Labels labels = Labels.of(MetricNames.LABEL_HOST, host, MetricNames.LABEL_NODE, node);
            cores.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(figures[0]).build());
            memory.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(figures[1]).build());
            running.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(figures[2]).build());
        });
        snapshots.add(cores.build());
        snapshots.add(memory.build());
        snapshots.add(running.build());
    }

    private static GaugeSnapshot.Builder rate(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
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
        long queued = 0;
        for (JobCount count : counts) {
            jobs.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("type", count.type(), "state", count.state().name())).value(count.count()).build());
            if (count.state() == JobState.PENDING) {
                queued += count.count();
            }
        }
        snapshots.add(jobs.build());
        snapshots.add(gauge(MetricNames.JOBS_QUEUED, "Jobs waiting to run (the engine's queue depth)", queued));
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
