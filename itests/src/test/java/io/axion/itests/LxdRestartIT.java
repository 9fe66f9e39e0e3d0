package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The LXD daemon stops and starts again (as {@code systemctl restart lxd} would: SIGTERM, then a fresh daemon by
 * scripts/setup-lxd.sh) while 20 instance jobs run. Every job ends, done or failed with its cause; health says
 * degraded while LXD is away and ok once it is back; the instance view agrees with LXD again without waiting for
 * its periodic reconcile, and LXD's events reach it again.
 * <p>
 * The daemon is shared by everything on the machine: the outage is kept as short as the restart allows, and this
 * class is the only one that causes it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LxdRestartIT extends KarafTestSupport {
    private static final String IMAGE = "axion/busybox";
    private static final int JOBS = 20;
    private static final Duration JOBS_DEADLINE = Duration.ofMinutes(3);

    @Configuration
    public Option[] config() {
        String setup = System.getProperty("axion.setup.lxd", new File("../scripts/setup-lxd.sh").getAbsolutePath());
        return withBaseOptions(
                systemProperty("axion.setup.lxd").value(setup),
                // Far beyond the test's length: the view must come back by the driver's re-sync and by events.
                editConfigurationFilePut("etc/io.axion.instances.cfg", "reconcileSeconds", "3600"),
                editConfigurationFilePut("etc/io.axion.quota.cfg", "cpuOvercommit", "16"));
    }

    @Test
    public void jobsEndHealthFollowsAndTheViewReconcilesAcrossAnLxdRestart() throws Exception {
        String token = adminToken();
        await().atMost(DEADLINE).ignoreExceptions().until(() -> get("/api/v1/health").statusCode() == 200);
        String daemon = lxdDaemonPid();
        roomForEveryJob(token);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            HttpResponse<String> created = request("POST", "/api/v1/instances", token, JSON.writeValueAsString(
                    Map.of("name", "restart-" + i, "image", IMAGE, "cpu", 1, "memoryMiB", 32, "start", true)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
            ids.add(json(created).path("id").asText());
        }
        // Some jobs are inside LXD calls, some still queued, when the daemon goes (on a busy machine a poll may
        // miss the running ones and see them done).
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> states(token, ids),
                s -> s.containsKey("IN_PROGRESS") || s.containsKey("COMPLETED"));
        Map<String, Long> atStop = states(token, ids);

        ConcurrentLinkedQueue<String> healthSeen = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(() -> healthSeen.add(healthSummary()), 0, 100, TimeUnit.MILLISECONDS);
        long restartMillis;
        try {
            long stopped = System.nanoTime();
            stopDaemon(daemon);
            await().atMost(Duration.ofSeconds(10)).until(() -> healthSeen.contains("503 lxd=critical"));
            run(System.getProperty("axion.setup.lxd"));
            restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
            await().atMost(DEADLINE).until(() -> get("/api/v1/health").statusCode() == 200);
        } finally {
            poller.shutdownNow();
        }

        // No job stuck: each one finishes, and a failed one says why.
        List<JsonNode> finished = await().atMost(JOBS_DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> jobs(token, ids), all -> all.stream().allMatch(LxdRestartIT::ended));
        for (JsonNode job : finished) {
            if ("FAILED".equals(job.path("state").asText())) {
                assertThat(job.path("error").asText()).as("a job failed by the outage says so: " + job)
                        .contains("LXD");
            }
        }
        int retried = (int) finished.stream().filter(j -> j.path("attempts").asInt() > 1).count();
        System.out.printf("LxdRestartIT: jobs at the stop %s; LXD away %d ms; after: %s, %d retried%n", atStop,
                restartMillis, states(finished), retried);
        finished.stream().filter(j -> "FAILED".equals(j.path("state").asText()))
                .forEach(j -> System.out.printf("LxdRestartIT: %s failed: %s%n", j.path("instance").asText(),
                        j.path("error").asText()));

        // Health went degraded on LXD, and came back whole.
        assertThat(healthSeen).contains("503 lxd=critical");
        assertThat(json(get("/api/v1/health")).path("checks")).allSatisfy(
                c -> assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("ok"));

        // The view agrees with LXD again, name by name and status by status, long before a periodic reconcile.
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(listed(token)).isEqualTo(lxdListed()));

        // LXD's events reach Axion again: a change made behind Axion's back shows up.
        String running = listed(token).entrySet().stream().filter(e -> e.getValue().equals("RUNNING"))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no instance running"));
        lxc("stop", "--force", running);
        await().atMost(Duration.ofSeconds(10)).until(() -> "STOPPED".equals(listed(token).get(running)));

        // And new work goes through.
        HttpResponse<String> after = request("POST", "/api/v1/instances", token, JSON.writeValueAsString(
                Map.of("name", "after-restart", "image", IMAGE, "cpu", 1, "memoryMiB", 32, "start", true)));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
        String afterId = json(after).path("id").asText();
        JsonNode done = await().atMost(DEADLINE).until(() -> jobs(token, List.of(afterId)).get(0), LxdRestartIT::ended);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("COMPLETED");
    }

    /** The quota's default is the host's cores: lift it (overcommitted 16 times) so that the 21 creates fit. */
    private void roomForEveryJob(String token) throws IOException {
        HttpResponse<String> quota = request("GET", "/api/v1/quota", token, null);
        assertThat(quota.statusCode()).as(quota.body()).isEqualTo(200);
        HttpResponse<String> put = request("PUT", "/api/v1/quota", token, JSON.writeValueAsString(Map.of(
                "cpu", json(quota).path("cpu").path("physical").asLong() * 16,
                "memoryMiB", json(quota).path("memoryMiB").path("physical").asLong())));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    // --- the daemon -------------------------------------------------------------------------------------------

    /** The daemon scripts/setup-lxd.sh started (container monitors and fork helpers are other processes). */
    private static String lxdDaemonPid() {
        String pids = run("pgrep", "-f", "^lxd --group").trim();
        assertThat(pids).as("one LXD daemon started by scripts/setup-lxd.sh").matches("\\d+");
        return pids;
    }

    private static void stopDaemon(String pid) {
        run("kill", "-TERM", pid);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !Files.exists(Path.of("/proc", pid)));
    }

    // --- what Axion and LXD say -------------------------------------------------------------------------------

    private String healthSummary() {
        try {
            HttpResponse<String> health = get("/api/v1/health");
            String lxd = StreamSupport.stream(json(health).path("checks").spliterator(), false)
                    .filter(c -> "lxd".equals(c.path("name").asText())).map(c -> c.path("status").asText())
                    .findFirst().orElse("absent");
            return health.statusCode() + " lxd=" + lxd;
        } catch (RuntimeException e) {
            return "error " + e.getMessage();
        }
    }

    private List<JsonNode> jobs(String token, List<String> ids) {
        List<JsonNode> found = new ArrayList<>();
        for (String id : ids) {
            HttpResponse<String> job = request("GET", "/api/v1/jobs/" + id, token, null);
            assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
            found.add(json(job));
        }
        return found;
    }

    private Map<String, Long> states(String token, List<String> ids) {
        return states(jobs(token, ids));
    }

    private static Map<String, Long> states(List<JsonNode> jobs) {
        return jobs.stream().collect(Collectors.groupingBy(j -> j.path("state").asText(), TreeMap::new,
                Collectors.counting()));
    }

    private static boolean ended(JsonNode job) {
        String state = job.path("state").asText();
        return "COMPLETED".equals(state) || "FAILED".equals(state);
    }

    /** Name → status in upper case, as Axion lists them. */
    private Map<String, String> listed(String token) {
        HttpResponse<String> list = request("GET", "/api/v1/instances", token, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        Map<String, String> byName = new TreeMap<>();
        json(list).forEach(i -> byName.put(i.path("name").asText(), i.path("status").asText().toUpperCase()));
        return byName;
    }

    /** Name → status, as LXD lists them in this run's project. */
    private static Map<String, String> lxdListed() {
        Map<String, String> byName = new TreeMap<>();
        for (String line : lxc("list", "--format", "csv", "-c", "ns").split("\n")) {
            if (!line.isBlank()) {
                String[] fields = line.split(",");
                byName.put(fields[0], fields[1]);
            }
        }
        return byName;
    }

    private static String run(String... command) {
        return Commands.run(List.of(command));
    }
}
