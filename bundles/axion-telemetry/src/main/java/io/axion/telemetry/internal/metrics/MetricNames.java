package io.axion.telemetry.internal.metrics;

/**
 * Axion's metric families at {@code /metrics}. Counter names are given without {@code _total}: the text format adds
 * it. Label {@code instance} names the LXD instance (a Prometheus server keeps it as {@code exported_instance}
 * unless the scrape job sets {@code honor_labels}), {@code host} the Axion host it runs on, {@code node} the Axion
 * node that answered the scrape (every node reports every host's instances, so scraping one node is enough; series
 * scraped from several differ by {@code node}).
 */
final class MetricNames {
    /** Counter, labels {@code instance}, {@code host}, {@code node}: CPU time the instance used since it started. */
    static final String INSTANCE_CPU_SECONDS = "axion_instance_cpu_seconds";
    /** Gauge, labels {@code instance}, {@code host}, {@code node}: memory in use. */
    static final String INSTANCE_MEMORY_BYTES = "axion_instance_memory_bytes";
    /** Gauges, labels {@code instance}, {@code host}, {@code node}: disk and network bytes per second over the last
     * sweep; absent for an instance whose figure is unknown (no network device, no blkio accounting). */
    static final String INSTANCE_DISK_READ_RATE = "axion_instance_disk_read_bytes_per_second";
    static final String INSTANCE_DISK_WRITE_RATE = "axion_instance_disk_write_bytes_per_second";
    static final String INSTANCE_NET_RX_RATE = "axion_instance_network_receive_bytes_per_second";
    static final String INSTANCE_NET_TX_RATE = "axion_instance_network_transmit_bytes_per_second";
    /** Gauges, labels {@code host}, {@code node}: the sums over the host's running instances. */
    static final String HOST_CPU_CORES = "axion_host_instances_cpu_cores";
    static final String HOST_MEMORY_BYTES = "axion_host_instances_memory_bytes";
    static final String HOST_RUNNING_INSTANCES = "axion_host_running_instances";
    /** Gauge: jobs in state PENDING (the queue depth). */
    static final String JOBS_QUEUED = "axion_jobs_queued";
    /** Histogram, labels {@code type}, {@code state} (COMPLETED or FAILED), {@code node} (the one that ran it). */
    static final String JOB_DURATION = "axion_job_duration_seconds";
    /** Counter, labels {@code type}, {@code node}: jobs that failed for good. */
    static final String JOB_FAILURES = "axion_job_failures";
    /** Gauge, labels {@code type}, {@code state}: jobs known to the engine (finished ones until pruned). */
    static final String JOBS = "axion_jobs";
    /** Gauge, labels {@code host}, {@code owner}, {@code node}: 1 when the host's LXD answers its owner. */
    static final String HOST_UP = "axion_host_up";
    /** Histogram, labels {@code method}, {@code route} (the matched template), {@code status}, {@code node}. */
    static final String HTTP_REQUEST_DURATION = "axion_http_request_duration_seconds";
    /** Gauge: open {@code /ws/events} connections. */
    static final String EVENTS_CLIENTS = "axion_events_clients";
    /** Counter: telemetry frames dropped for slow {@code /ws/events} clients. */
    static final String EVENTS_DROPPED = "axion_events_dropped_frames";
    /** Counter: {@code /ws/events} clients closed because they did not keep up. */
    static final String EVENTS_CLOSED_SLOW = "axion_events_closed_slow_clients";
    /** Gauge: how long handing the latest event to every {@code /ws/events} client took. */
    static final String EVENTS_FANOUT_SECONDS = "axion_events_fanout_seconds";
    /** Gauge: how long the latest telemetry sweep took. */
    static final String SWEEP_SECONDS = "axion_telemetry_sweep_seconds";

    static final String LABEL_INSTANCE = "instance";
    static final String LABEL_HOST = "host";
    static final String LABEL_NODE = "node";
    static final String LABEL_TENANT = "tenant";

    private MetricNames() {
    }
}
