package io.axion.telemetry.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.job.JobCount;
import io.axion.api.job.JobState;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.api.telemetry.IoRates;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import io.axion.testing.InMemoryCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsNamingTest {

    private static class FixedSources implements AxionCollector.Sources {
        @Override
        public Collection<InstanceUsage> instances() {
            return List.of(new InstanceUsage("web-1", 10.0, 5.0, 0.1, 1, 12.5, 1_048_576, null, Instant.now(),
                    new IoRates(4096.0, 0.0, null, null)));
        }

        @Override
        public List<JobCount> jobs() {
            return List.of(new JobCount("instance-create", JobState.COMPLETED, 3),
                    new JobCount("instance-create", JobState.FAILED, 1));
        }

        @Override
        public AxionCollector.EventsFigures events() {
            return new AxionCollector.EventsFigures(2, 7, 1, 0.004);
        }

        @Override
        public Double lastSweepSeconds() {
            return 0.002;
        }

        @Override
        public String node() {
            return "node-1";
        }

        @Override
        public Map<String, String> hostOfInstances() {
            return Map.of("web-1", "lxd-2");
        }

        @Override
        public Map<String, String> tenantOfInstances() {
            return Map.of("web-1", "render");
        }

        @Override
        public List<AxionCollector.HostFigures> hosts() {
            return List.of(new AxionCollector.HostFigures("lxd-1", "node-1", true),
                    new AxionCollector.HostFigures("lxd-2", null, false));
        }
    }

    private static String text(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void axionFamiliesHaveStableNamesTypesAndLabels() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new AxionCollector(new FixedSources()));

        String text = text(registry);

        assertThat(text).contains("# TYPE axion_instance_cpu_seconds_total counter")
                .containsPattern("(?m)^axion_instance_cpu_seconds_total\\{host=\"lxd-2\",instance=\"web-1\",node=\"node-1\",tenant=\"render\"} 12\\.5$")
                .contains("# TYPE axion_instance_memory_bytes gauge")
                .containsPattern("(?m)^axion_instance_memory_bytes\\{host=\"lxd-2\",instance=\"web-1\",node=\"node-1\",tenant=\"render\"} 1048576(\\.0)?$")
                .containsPattern("(?m)^axion_host_up\\{host=\"lxd-1\",node=\"node-1\",owner=\"node-1\"} 1(\\.0)?$")
                .containsPattern("(?m)^axion_host_up\\{host=\"lxd-2\",node=\"node-1\",owner=\"\"} 0(\\.0)?$")
                .containsPattern("(?m)^axion_jobs\\{state=\"COMPLETED\",type=\"instance-create\"} 3(\\.0)?$")
                .containsPattern("(?m)^axion_jobs\\{state=\"FAILED\",type=\"instance-create\"} 1(\\.0)?$")
                .containsPattern("(?m)^axion_events_clients 2(\\.0)?$")
                .containsPattern("(?m)^axion_events_dropped_frames_total 7(\\.0)?$")
                .containsPattern("(?m)^axion_events_closed_slow_clients_total 1(\\.0)?$")
                .containsPattern("(?m)^axion_events_fanout_seconds 0\\.004$")
                .containsPattern("(?m)^axion_telemetry_sweep_seconds 0\\.002$")
                .containsPattern("(?m)^axion_instance_disk_read_bytes_per_second\\{host=\"lxd-2\",instance=\"web-1\","
                        + "node=\"node-1\",tenant=\"render\"} 4096(\\.0)?$")
                .doesNotContain("axion_instance_network_receive_bytes_per_second{")
                .containsPattern("(?m)^axion_host_instances_cpu_cores\\{host=\"lxd-2\",node=\"node-1\"} 0\\.1$")
                .containsPattern("(?m)^axion_host_running_instances\\{host=\"lxd-2\",node=\"node-1\"} 1(\\.0)?$")
                .containsPattern("(?m)^axion_jobs_queued 0(\\.0)?$");
    }

    @Test
    void jobsThisNodeRanAreTimedAndFailuresCountedOnce() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        JobMetrics jobs = new JobMetrics(registry, "node-1");
        Map<String, Object> failed = Map.of("id", "j1", "type", "instance.start", "state", "FAILED", "node", "node-1",
                "startedAt", "2026-01-01T00:00:00Z", "finishedAt", "2026-01-01T00:00:03Z");
        jobs.onJob(failed);
        jobs.onJob(failed); // the same event again
        jobs.onJob(Map.of("id", "j2", "type", "instance.start", "state", "COMPLETED", "node", "node-2",
                "startedAt", "2026-01-01T00:00:00Z", "finishedAt", "2026-01-01T00:00:01Z")); // another node's
        jobs.onJob(Map.of("id", "j3", "type", "instance.start", "state", "IN_PROGRESS", "node", "node-1"));

        assertThat(text(registry)).contains("# TYPE axion_job_duration_seconds histogram")
                .containsPattern("(?m)^axion_job_duration_seconds_count\\{node=\"node-1\",state=\"FAILED\","
                        + "type=\"instance.start\"} 1$")
                .containsPattern("(?m)^axion_job_duration_seconds_sum\\{node=\"node-1\",state=\"FAILED\","
                        + "type=\"instance.start\"} 3\\.0$")
                .containsPattern("(?m)^axion_job_failures_total\\{node=\"node-1\",type=\"instance.start\"} 1\\.0$")
                .doesNotContain("COMPLETED");
    }

    @Test
    void aMissingSourceLeavesItsFamiliesOut() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new AxionCollector(new FixedSources() {
            @Override
            public List<JobCount> jobs() {
                throw new IllegalStateException("The job engine is not active");
            }

            @Override
            public AxionCollector.EventsFigures events() {
                return null;
            }
        }));
        assertThat(text(registry)).contains("axion_instance_cpu_seconds_total").doesNotContain("axion_jobs")
                .doesNotContain("axion_events");
    }

    @Test
    void requestDurationsAreAHistogramByMethodRouteAndStatusBesideJvmBasics() throws IOException {
        AxionMetrics metrics = new AxionMetrics(new InMemoryCluster("node-1"));
        metrics.activate();
        metrics.observeRequest("GET", "/api/v1/jobs/{id}", 200, 0.003);
        metrics.observeRequest("GET", "/api/v1/jobs/{id}", 200, 0.2);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("# TYPE axion_http_request_duration_seconds histogram")
                .containsPattern("(?m)^axion_http_request_duration_seconds_bucket\\{method=\"GET\",node=\"node-1\",route=\"/api/v1/jobs/\\{id}\","
                        + "status=\"200\",le=\"0\\.005\"} 1$")
                .containsPattern("(?m)^axion_http_request_duration_seconds_count\\{method=\"GET\",node=\"node-1\",route=\"/api/v1/jobs/\\{id}\","
                        + "status=\"200\"} 2$")
                .contains("jvm_memory_used_bytes").contains("jvm_threads_current").contains("process_cpu_seconds_total");
        assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
    }

    @Path("/api/v1/jobs")
    static class Jobs {
        @GET
        public void list() {
        }

        @GET
        @Path("{id}")
        public void one() {
        }
    }

    @Path("/metrics/")
    static class Scrape {
        @GET
        @Path("/")
        public void scrape() {
        }
    }

    @Test
    void routesAreTheirTemplates() throws NoSuchMethodException {
        assertThat(HttpTimingFilter.template(Jobs.class, Jobs.class.getMethod("list"))).isEqualTo("/api/v1/jobs");
        assertThat(HttpTimingFilter.template(Jobs.class, Jobs.class.getMethod("one"))).isEqualTo("/api/v1/jobs/{id}");
        assertThat(HttpTimingFilter.template(Scrape.class, Scrape.class.getMethod("scrape"))).isEqualTo("/metrics");
    }
}
