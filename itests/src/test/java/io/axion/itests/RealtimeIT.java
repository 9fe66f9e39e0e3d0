package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.job.Job;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobService;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Real time against the real LXD (issue 7): telemetry and job changes on {@code /ws/events}, a shell on
 * {@code /ws/terminal/{name}}, {@code /metrics} in Prometheus text, and a stalled events client closed while another
 * keeps every frame. Pings every second and a 3 s stall limit keep the last one short.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RealtimeIT extends KarafTestSupport {
    private static final String IMAGE = "axion/busybox";
    private static final String SHELL_INSTANCE = "rt-shell";
    private static final Duration LXD_DEADLINE = Duration.ofSeconds(300);
    private static final AtomicBoolean SHELL_INSTANCE_LAUNCHED = new AtomicBoolean();

    @Configuration
    public Option[] config() {
        return withBaseOptions(
                // The probe waits 10 s by default for Pax Exam's injector: not enough on a busy 2-core machine.
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("120000"),
                editConfigurationFilePut("etc/io.axion.telemetry.cfg", "pingSeconds", "1"),
                editConfigurationFilePut("etc/io.axion.telemetry.cfg", "stallSeconds", "3"));
    }

    private String ws(String path) {
        return baseUrl().replace("http://", "ws://") + path;
    }

    /** Until the node is ready: LXD reached, the instance view current, every other check passing. */
    private void awaitLxd() {
        await().atMost(LXD_DEADLINE).ignoreExceptions().until(() -> get("/api/v1/health").statusCode() == 200);
    }

    private synchronized void ensureShellInstance() {
        if (!SHELL_INSTANCE_LAUNCHED.get()) {
            awaitLxd();
            launch(SHELL_INSTANCE);
            SHELL_INSTANCE_LAUNCHED.set(true);
        }
    }

    @Test
    public void eventsCarryTelemetryOfANewInstanceWithinTwoSecondsAndItsJobChanges() throws Exception {
        awaitLxd();
        String token = adminToken();
        RealtimeClients.Events events = new RealtimeClients.Events();
        WebSocket socket = RealtimeClients.open(ws("/ws/events"), token, events);
        await().atMost(DEADLINE).until(() -> !events.on("telemetry").isEmpty());

        launch("rt-events");
        long running = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(5)).until(() -> firstTelemetryOf(events, "rt-events") != null);
        RealtimeClients.Events.Received first = firstTelemetryOf(events, "rt-events");
        assertThat(first.atMillis() - running).as("ms from running to its first telemetry").isLessThanOrEqualTo(2000);
        JsonNode usage = usageOf(first.message(), "rt-events");
        assertThat(usage.path("memoryBytes").asLong()).isPositive();
        assertThat(usage.path("cpuSeconds").asDouble()).isPositive();
        assertThat(usage.has("cpuPercent")).isTrue();
        assertThat(usage.has("cpuPercentOfHost")).isTrue();
        assertThat(first.message().path("data").path("node").asText()).isNotBlank();
        // LXD's own lifecycle event of the launch, relayed by the driver.
        await().atMost(DEADLINE).until(() -> events.on("instances").stream().anyMatch(r ->
                r.message().path("type").asText().equals("instance-started")
                        && r.message().path("data").path("name").asText().equals("rt-events")));

        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(JobHandler.TYPE_PROPERTY, "itest-realtime");
        ServiceRegistration<JobHandler> handler = bundleContext.registerService(JobHandler.class,
                context -> JobResult.ok("nothing to do"), properties);
        try {
            Job job = jobService().enqueue("itest-realtime", "rt-events", Map.of());
            await().atMost(DEADLINE).until(() -> statesOf(events, job.id()).contains("COMPLETED"));
            assertThat(statesOf(events, job.id())).containsExactly("PENDING", "IN_PROGRESS", "COMPLETED");
            JsonNode last = events.on("jobs").stream().map(RealtimeClients.Events.Received::message)
                    .filter(m -> m.path("data").path("id").asText().equals(job.id())).reduce((a, b) -> b).orElseThrow();
            assertThat(last.path("type").asText()).isEqualTo("job-updated");
            assertThat(last.path("data").path("instance").asText()).isEqualTo("rt-events");
            assertThat(last.path("at").asText()).endsWith("Z");
        } finally {
            handler.unregister();
        }

        // Narrowed to jobs: telemetry stops coming.
        socket.sendText("{\"subscribe\": [\"jobs\"]}", true).join();
        await().pollDelay(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> true);
        int before = events.on("telemetry").size();
        await().pollDelay(Duration.ofSeconds(2)).atMost(DEADLINE).until(() -> true);
        assertThat(events.on("telemetry")).hasSize(before);
        socket.abort();
    }

    @Test
    public void aTerminalRunsAShellInTheInstanceForOperatorsOnly() throws Exception {
        ensureShellInstance();
        String token = adminToken();

        RealtimeClients.Terminal terminal = new RealtimeClients.Terminal();
        WebSocket socket = RealtimeClients.open(ws("/ws/terminal/" + SHELL_INSTANCE), token, terminal);
        socket.sendText("{\"resize\":{\"cols\":120,\"rows\":40}}", true).join();
        RealtimeClients.Terminal.type(socket, "echo $((6*7))\r");
        await().atMost(DEADLINE).until(() -> terminal.output.toString().matches("(?s).*\\r?\\n42\\r?\\n.*"));
        RealtimeClients.Terminal.type(socket, "stty size\r");
        await().atMost(DEADLINE).until(() -> terminal.output.toString().contains("40 120"));
        RealtimeClients.Terminal.type(socket, "exit\r");
        assertThat(terminal.closed.get(10, TimeUnit.SECONDS)).isEqualTo("1000 exited with 0");

        // A client that closes first hangs the shell up.
        RealtimeClients.Terminal second = new RealtimeClients.Terminal();
        WebSocket secondSocket = RealtimeClients.open(ws("/ws/terminal/" + SHELL_INSTANCE), token, second);
        RealtimeClients.Terminal.type(secondSocket, "echo ready-$((1+1))\r");
        await().atMost(DEADLINE).until(() -> second.output.toString().contains("ready-2"));
        secondSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        await().atMost(DEADLINE).until(() -> !lxc("exec", SHELL_INSTANCE, "--", "ps").contains("sh -l"));

        HttpResponse<String> created = request("POST", "/api/v1/users", token,
                "{\"username\":\"rt-viewer\",\"password\":\"viewer-password-42\",\"role\":\"viewer\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String viewerToken = json(request("POST", "/api/v1/auth/login", null,
                "{\"username\":\"rt-viewer\",\"password\":\"viewer-password-42\"}")).path("token").asText();
        RealtimeClients.Terminal refused = new RealtimeClients.Terminal();
        RealtimeClients.open(ws("/ws/terminal/" + SHELL_INSTANCE), viewerToken, refused);
        assertThat(refused.closed.get(10, TimeUnit.SECONDS)).startsWith("1008 ");

        RealtimeClients.Terminal missing = new RealtimeClients.Terminal();
        RealtimeClients.open(ws("/ws/terminal/no-such-instance"), token, missing);
        assertThat(missing.closed.get(10, TimeUnit.SECONDS)).startsWith("4404 ");
    }

    @Test
    public void metricsAreStrictPrometheusTextWithTheInstanceSeries() {
        ensureShellInstance();
        String token = adminToken();
        assertThat(request("GET", "/metrics", null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = await().atMost(DEADLINE).until(() -> request("GET", "/metrics", token, null),
                r -> r.statusCode() == 200 && PrometheusText.parse(r.body()).named("axion_instance_memory_bytes")
                        .stream().anyMatch(s -> SHELL_INSTANCE.equals(s.labels().get("instance"))));
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain")
                .contains("version=0.0.4");

        PrometheusText text = PrometheusText.parse(metrics.body());
        text.checkFamilies();
        assertThat(text.types).containsEntry("axion_instance_cpu_seconds_total", "counter")
                .containsEntry("axion_instance_memory_bytes", "gauge")
                .containsEntry("axion_http_request_duration_seconds", "histogram")
                .containsEntry("jvm_memory_used_bytes", "gauge");
        assertThat(text.named("axion_instance_cpu_seconds_total")).anySatisfy(s -> {
            assertThat(s.labels()).containsEntry("instance", SHELL_INSTANCE);
            assertThat(s.value()).isPositive();
        });
        assertThat(text.named("axion_instance_memory_bytes")).anySatisfy(s -> {
            assertThat(s.labels()).containsEntry("instance", SHELL_INSTANCE).containsKeys("host", "node");
            assertThat(s.value()).isPositive();
        });
        assertThat(text.named("axion_host_up")).anySatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
        assertThat(text.named("axion_http_request_duration_seconds_count")).anySatisfy(s ->
                assertThat(s.labels()).containsEntry("route", "/api/v1/health").containsEntry("method", "GET")
                        .containsEntry("status", "200"));
        // A refused request is timed under its route too (the route is known before authentication runs).
        assertThat(text.named("axion_http_request_duration_seconds_count")).anySatisfy(s ->
                assertThat(s.labels()).containsEntry("route", "/metrics").containsEntry("status", "401"));
    }

    @Test
    public void aStalledClientIsClosedWhileAnotherKeepsGettingEveryFrame() throws Exception {
        String token = adminToken();
        RealtimeClients.Events healthy = new RealtimeClients.Events();
        WebSocket socket = RealtimeClients.open(ws("/ws/events?channels=telemetry"), token, healthy);
        await().atMost(DEADLINE).until(() -> !healthy.on("telemetry").isEmpty());
        int port = Integer.parseInt(System.getProperty("axion.it.http.port"));

        try (RealtimeClients.Stalled stalled = new RealtimeClients.Stalled(port, "/ws/events", token)) {
            int code = await().atMost(Duration.ofSeconds(20)).until(() -> stalled.readCloseCode(500), c -> c != -1);
            assertThat(code).as("close code of the stalled client").isEqualTo(4008);
        }
        // The healthy client went on receiving through it all: one frame per sweep, none missing.
        int seen = healthy.on("telemetry").size();
        await().atMost(DEADLINE).until(() -> healthy.on("telemetry").size() >= seen + 2);
        List<Long> seqs = new ArrayList<>();
        healthy.on("telemetry").forEach(r -> seqs.add(r.message().path("data").path("seq").asLong()));
        assertThat(seqs.size()).isGreaterThanOrEqualTo(6);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("telemetry seq after " + seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
        }
        assertThat(healthy.closed).isNotDone();

        String metrics = request("GET", "/metrics", token, null).body();
        assertThat(PrometheusText.parse(metrics).named("axion_events_closed_slow_clients_total"))
                .anySatisfy(s -> assertThat(s.value()).isGreaterThanOrEqualTo(1));
        socket.abort();
    }

    /** Launches an instance, picking up where a launch that failed half-way (a busy LXD) left it. */
    private static void launch(String name) {
        await().atMost(LXD_DEADLINE).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            String state = lxc("list", "^" + name + "$", "--format", "csv", "-c", "ns").trim();
            if (state.isEmpty()) {
                lxc("launch", IMAGE, name);
            } else if (!state.endsWith(",RUNNING")) {
                lxc("start", name);
            }
            return lxc("list", "^" + name + "$", "--format", "csv", "-c", "ns").trim().equals(name + ",RUNNING");
        });
    }

    /** Looked up when needed rather than injected: injection would hold every test until the job engine is up. */
    private JobService jobService() {
        ServiceReference<JobService> reference = await().atMost(LXD_DEADLINE)
                .until(() -> bundleContext.getServiceReference(JobService.class), r -> r != null);
        return bundleContext.getService(reference);
    }

    private static RealtimeClients.Events.Received firstTelemetryOf(RealtimeClients.Events events, String name) {
        return events.on("telemetry").stream().filter(r -> usageOf(r.message(), name) != null).findFirst().orElse(null);
    }

    private static JsonNode usageOf(JsonNode telemetry, String name) {
        for (JsonNode usage : telemetry.path("data").path("instances")) {
            if (usage.path("name").asText().equals(name)) {
                return usage;
            }
        }
        return null;
    }

    private static List<String> statesOf(RealtimeClients.Events events, String jobId) {
        return events.on("jobs").stream().map(RealtimeClients.Events.Received::message)
                .filter(m -> m.path("data").path("id").asText().equals(jobId))
                .map(m -> m.path("data").path("state").asText()).toList();
    }
}
