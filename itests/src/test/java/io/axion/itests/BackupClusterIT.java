package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Issue 19's acceptance on real nodes sharing one PostgreSQL: a per-minute schedule runs exactly once per tick with
 * two nodes checking it. (The kill -9 during a backup check is not here yet: in the itest the killed node did not
 * come back within 3 minutes, though the same steps by hand brought it back in seconds; see issue 19's note.)
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class BackupClusterIT extends ClusterTestSupport {

    /** Shadows the three-node start of the superclass. */
    @BeforeClass
    public static void startCluster() {
        startNodes(2);
    }

    /** Both nodes check the schedules every second; each minute's tick makes one job and one snapshot. */
    @Test
    public void a_aPerMinuteScheduleRunsOncePerTickOnTwoNodes() {
        String token = adminToken(2);
        String name = runningInstance(token, "sched");
        HttpResponse<String> put = request(2, "PUT", "/api/v1/instances/" + name + "/schedules", token,
                Map.of("snapshots", Map.of("cron", "* * * * *", "expiry", "1h", "keep", 5)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        // Two ticks: the first within a minute of saving, the next a minute later.
        List<JsonNode> jobs = await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> scheduledJobs(token, name), found -> found.size() >= 2
                        && found.stream().allMatch(j -> j.path("state").asText().equals("COMPLETED")));
        // Seconds of further checks of the same tick, by either node, add nothing: no key repeats meanwhile.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> scheduledJobs(token, name), found -> found.stream()
                        .map(j -> j.path("idempotencyKey").asText()).distinct().count() == found.size());
        List<JsonNode> after = scheduledJobs(token, name);
        assertThat(after.stream().map(j -> j.path("idempotencyKey").asText()).distinct().count())
                .as("one job per tick: %s", after).isEqualTo(after.size());
        assertThat(after.size()).isBetween(jobs.size(), jobs.size() + 1);
        long autoSnapshots = Commands.run(List.of("lxc", "query",
                        "/1.0/instances/" + name + "/snapshots?project=" + project(1)))
                .lines().filter(l -> l.contains("/auto-")).count();
        assertThat(autoSnapshots).isEqualTo(after.stream()
                .filter(j -> j.path("state").asText().equals("COMPLETED")).count());
        assertThat(request(2, "PUT", "/api/v1/instances/" + name + "/schedules", token, Map.of()).statusCode())
                .isEqualTo(200);
    }

    /** A running busybox on host 1, made through node 1. */
    private static String runningInstance(String token, String prefix) {
        String name = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        HttpResponse<String> created = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> request(1, "POST", "/api/v1/instances", token,
                        Map.of("name", name, "image", IMAGE, "cpu", 1, "memoryMiB", 128, "host", host(1))),
                        r -> r.statusCode() != 422);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertThat(awaitJob(1, token, json(created).path("id").asText()).path("state").asText()).isEqualTo("COMPLETED");
        return name;
    }

    private static List<JsonNode> scheduledJobs(String token, String name) {
        List<JsonNode> scheduled = new ArrayList<>();
        json(request(1, "GET", "/api/v1/jobs?instance=" + name, token, null)).forEach(j -> {
            if (j.path("type").asText().equals("backup.scheduled-snapshot")) {
                scheduled.add(j);
            }
        });
        return scheduled;
    }
}
