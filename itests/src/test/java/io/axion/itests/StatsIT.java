package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Historical statistics against the real LXD (issue 17): a container that burns a core for 30 s shows in the 10 s
 * tier, the stats routes' formats and refusals, and a real Prometheus (Debian's, started here with its own config,
 * port and storage) that scrapes {@code /metrics} and answers an instance's CPU through its query API;
 * {@code promtool} finds {@code /metrics} and the example alert rules clean.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StatsIT extends KarafTestSupport {
    private static final Duration LXD_DEADLINE = Duration.ofSeconds(300);

    @Configuration
    public Option[] config() {
        // The driver runs in itests/: the repository (for docs/monitoring) is its parent.
        String repo = Path.of("").toAbsolutePath().getParent().toString();
        return withBaseOptions(
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("120000"),
                systemProperty("axion.it.repo").value(repo));
    }

    private void awaitLxd() {
        await().atMost(LXD_DEADLINE).ignoreExceptions().until(() -> get("/api/v1/health").statusCode() == 200);
    }

    @Test
    public void aContainerBurningACoreFor30SecondsShowsInTheTenSecondTier() {
        awaitLxd();
        String token = adminToken();
        String name = runningBusybox("stats-burn");
        await().atMost(DEADLINE).until(() -> request("GET", "/api/v1/instances/" + name + "/stats?metric=cpu&from=-1m",
                token, null).statusCode() == 200);

        favourInTheScheduler(name);
        Instant before = Instant.now();
        // timeout ends the loop with SIGTERM (exit 143): the outer shell makes that a success for lxc exec.
        lxc("exec", name, "--", "sh", "-c", "timeout 30 sh -c 'while :; do :; done'; true");
        Instant after = Instant.now();
        // Only the 10 s buckets wholly inside the burn, with a second of margin for exec's start and end (and for a
        // sample's figure covering the second before it): at least one such bucket in any 30 s.
        long burnFrom = before.getEpochSecond() + 2;
        long burnTo = after.getEpochSecond() - 1;
        long expected = 0;
        for (long t = (burnFrom + 9) / 10 * 10; t + 10 <= burnTo; t += 10) {
            expected++;
        }
        assertThat(expected).as("full 10 s buckets between %s and %s", before, after).isPositive();
        long wanted = expected;

        List<JsonNode> inside = await().atMost(Duration.ofSeconds(40)).until(() -> {
            JsonNode stats = json(request("GET", "/api/v1/instances/" + name + "/stats?metric=cpu&from=-15m",
                    token, null));
            assertThat(stats.path("metric").asText()).isEqualTo("cpu");
            assertThat(stats.path("step").asInt()).isEqualTo(10);
            List<JsonNode> points = new ArrayList<>();
            for (JsonNode point : stats.path("points")) {
                long t = Instant.parse(point.path("t").asText()).getEpochSecond();
                if (t >= burnFrom && t + 10 <= burnTo) {
                    points.add(point);
                }
            }
            return points;
        }, points -> points.size() == wanted);
        for (JsonNode point : inside) {
            assertThat(point.path("avg").asDouble()).as("10 s bucket %s", point).isGreaterThanOrEqualTo(80);
            assertThat(point.path("max").asDouble()).isGreaterThanOrEqualTo(point.path("avg").asDouble());
        }

        JsonNode seconds = json(request("GET", "/api/v1/instances/" + name + "/stats?metric=memory&from=-2m",
                token, null));
        assertThat(seconds.path("step").asInt()).isEqualTo(1);
        assertThat(seconds.path("points")).isNotEmpty();
        assertThat(seconds.path("points").get(0).path("avg").asDouble()).isPositive();
        String host = json(request("GET", "/api/v1/instances/" + name, token, null)).path("host").asText();
        JsonNode hostCpu = json(request("GET", "/api/v1/hosts/" + host + "/stats?metric=cpu&from=-15m", token, null));
        assertThat(hostCpu.path("points")).anySatisfy(p -> assertThat(p.path("avg").asDouble()).isGreaterThan(50));
        JsonNode cluster = json(request("GET", "/api/v1/cluster/stats?metric=cpu&from=-15m", token, null));
        assertThat(cluster.path("step").asInt()).isEqualTo(10);
        assertThat(cluster.path("points")).isNotEmpty();

        // The burner is in the default tenant: a member of another tenant sees none of its load.
        String neighbour = tenantMemberToken(token, "stats-quiet");
        for (String path : List.of("/api/v1/hosts/" + host + "/stats?metric=cpu&from=-15m",
                "/api/v1/cluster/stats?metric=cpu&from=-15m")) {
            HttpResponse<String> theirs = request("GET", path, neighbour, null);
            assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(200);
            assertThat(json(theirs).path("points")).as(path).allSatisfy(p ->
                    assertThat(p.path("max").asDouble()).isLessThan(50));
        }
    }

    /** A token of a new operator whose only tenant is a new, empty {@code tenant}. */
    private String tenantMemberToken(String adminToken, String tenant) {
        String user = tenant + "-op";
        String password = "Stats-Tenant-" + tenant + "-1";
        assertThat(request("POST", "/api/v1/tenants", adminToken, "{\"name\":\"" + tenant + "\",\"quota\":{}}")
                .statusCode()).isEqualTo(201);
        assertThat(request("POST", "/api/v1/users", adminToken, "{\"username\":\"" + user + "\",\"password\":\""
                + password + "\",\"role\":\"operator\"}").statusCode()).isEqualTo(201);
        assertThat(request("PUT", "/api/v1/tenants/" + tenant + "/members/" + user, adminToken,
                "{\"role\":\"operator\"}").statusCode()).isEqualTo(200);
        // New users join the default tenant: leave it, so that the new tenant is the user's only one.
        assertThat(request("DELETE", "/api/v1/tenants/default/members/" + user, adminToken, null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> login = request("POST", "/api/v1/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).path("token").asText();
    }

    /**
     * Gives the burner's cgroup a CPU weight far above everything else's: the machine's two cores are shared with
     * other builds and tests, and what this test checks is Axion's accounting of a busy core, not the scheduler's
     * fairness under load. Only this run's own container is touched.
     */
    private void favourInTheScheduler(String name) {
        String group = "lxc.payload." + lxdProject() + "_" + name;
        Path v1 = Path.of("/sys/fs/cgroup/cpu", group, "cpu.shares");
        Path v2 = Path.of("/sys/fs/cgroup", group, "cpu.weight");
        try {
            if (Files.exists(v1)) {
                Files.writeString(v1, "262144");
            } else if (Files.exists(v2)) {
                Files.writeString(v2, "10000");
            }
        } catch (java.io.IOException e) {
            System.err.println("Could not raise the CPU weight of " + group + ": " + e.getMessage());
        }
    }

    @Test
    public void statsAnswerCsvAndRefuseBadMetricsAndTimes() throws Exception {
        awaitLxd();
        String token = adminToken();
        String name = runningBusybox("stats-csv");
        String path = "/api/v1/instances/" + name + "/stats";
        await().atMost(DEADLINE).until(() -> request("GET", path + "?metric=cpu&from=-5m", token, null)
                .statusCode() == 200);

        HttpResponse<String> csv = request("GET", path + "?metric=memory&from=-5m&format=csv", token, null);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("t,min,avg,max\n");
        HttpRequest accept = HttpRequest.newBuilder(URI.create(baseUrl() + path + "?metric=cpu&from="
                        + URLEncoder.encode(Instant.now().minusSeconds(120).toString(), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).header("Accept", "text/csv").build();
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(accept, HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).startsWith("t,min,avg,max\n");

        HttpResponse<String> metric = request("GET", path + "?metric=load", token, null);
        assertThat(metric.statusCode()).isEqualTo(400);
        assertThat(metric.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(request("GET", path + "?metric=cpu&from=yesterday", token, null).statusCode()).isEqualTo(400);
        assertThat(request("GET", path + "?metric=cpu&from=-1h&to=-2h", token, null).statusCode()).isEqualTo(422);
        assertThat(request("GET", "/api/v1/instances/no-such-one/stats?metric=cpu", token, null).statusCode())
                .isEqualTo(404);
        assertThat(request("GET", path + "?metric=cpu", null, null).statusCode()).isEqualTo(401);
        // The other instance routes are not hidden behind the stats resource's path.
        assertThat(request("GET", "/api/v1/instances/" + name, token, null).statusCode()).isEqualTo(200);
    }

    @Test
    public void aRealPrometheusScrapesTheInstanceCpuAndPromtoolFindsMetricsAndRulesClean() throws Exception {
        awaitLxd();
        String token = adminToken();
        String name = runningBusybox("stats-prom");
        HttpResponse<String> metrics = await().atMost(DEADLINE).until(() -> request("GET", "/metrics", token, null),
                r -> r.statusCode() == 200 && r.body().contains("instance=\"" + name + "\""));

        Path work = Files.createTempDirectory("axion-prometheus");
        Path scraped = work.resolve("metrics.txt");
        Files.writeString(scraped, metrics.body());
        Commands.run(List.of("sh", "-c", "promtool check metrics < " + scraped), Map.of(), Duration.ofSeconds(60));
        Path rules = Path.of(System.getProperty("axion.it.repo"), "docs", "monitoring", "axion-alerts.yml");
        assertThat(Commands.run(List.of("promtool", "check", "rules", rules.toString()))).contains("SUCCESS");

        int port = freePort();
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: axion",
                "    honor_labels: true",
                "    metrics_path: /metrics",
                "    authorization:",
                "      credentials: " + token,
                "    static_configs:",
                "      - targets: ['" + URI.create(baseUrl()).getAuthority() + "']",
                "rule_files:",
                "  - " + rules,
                ""));
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String query = URLEncoder.encode("axion_instance_cpu_seconds_total{instance=\"" + name + "\"}",
                    StandardCharsets.UTF_8);
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + query);
            JsonNode result = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> JSON.readTree(client.send(HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString()).body()).path("data").path("result"),
                            r -> r.size() == 1);
            JsonNode series = result.get(0);
            assertThat(series.path("metric").path("host").asText()).isNotEmpty();
            assertThat(series.path("metric").path("node").asText()).isNotEmpty();
            assertThat(series.path("value").get(1).asDouble()).isPositive();
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }
}
