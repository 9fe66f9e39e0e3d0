package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Issue 19's acceptance on real nodes sharing one PostgreSQL: a per-minute schedule runs exactly once per tick with
 * two nodes checking it; kill -9 of Axion while a backup of ~100 MB of random data is being written leaves no
 * partial archive listed as good, and the next run succeeds (the killed job is rerun by its node once it is back).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class BackupClusterIT extends ClusterTestSupport {
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);

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

    @Test
    public void b_aKillDuringABackupLeavesNoPartialArchiveListedAsGoodAndTheNextRunSucceeds() throws Exception {
        String token = adminToken(1);
        String name = runningInstance(token, "crash");
        // Random data does not compress: LXD's gzip export and Axion's copy take seconds.
        lxc(1, "exec", name, "--", "sh", "-c", "head -c 100000000 /dev/urandom > /root/random.bin && sync");

        HttpResponse<String> accepted = request(1, "POST", "/api/v1/instances/" + name + "/backups", token, "{}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobId = json(accepted).path("id").asText();
        String backupId = json(request(1, "GET", "/api/v1/instances/" + name + "/backups", token, null)).get(0)
                .path("id").asText();
        Path backups = backupDirectory();
        // Killed while the archive is on its way: once the staged download has begun.
        await().atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(backups.resolve(".staging").resolve(backupId + ".tar.gz"))
                        || !"pending".equals(stateOf(token, backupId)));
        kill(1);
        assertThat(Files.exists(backups.resolve(".staging").resolve(backupId + ".tar.gz")))
                .as("the kill came while the archive was being written").isTrue();

        restart(1);
        String after = adminToken(1);
        // The killed run is rerun: its row is pending until then, and never good before its archive is whole.
        JsonNode job = awaitJobEnd(after, jobId);
        JsonNode backup = json(request(1, "GET", "/api/v1/backups/" + backupId, after, null));
        if ("good".equals(backup.path("state").asText())) {
            assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(verified(after, backupId)).as("the rerun's archive checks out").isTrue();
        } else {
            assertThat(backup.path("state").asText()).as(backup.toString()).isEqualTo("failed");
        }
        assertThat(leftovers(backups)).as("no partial or staged archive remains").isEmpty();

        // The next run succeeds and verifies.
        HttpResponse<String> next = request(1, "POST", "/api/v1/instances/" + name + "/backups", after, "{}");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
        assertThat(awaitJobEnd(after, json(next).path("id").asText()).path("state").asText()).isEqualTo("COMPLETED");
        JsonNode listed = json(request(1, "GET", "/api/v1/instances/" + name + "/backups", after, null));
        JsonNode newest = listed.get(0);
        assertThat(newest.path("id").asText()).isNotEqualTo(backupId);
        assertThat(newest.path("state").asText()).isEqualTo("good");
        assertThat(newest.path("sizeBytes").asLong()).isGreaterThan(90_000_000L);
        assertThat(verified(after, newest.path("id").asText())).isTrue();
        for (JsonNode b : listed) {
            if ("good".equals(b.path("state").asText())) {
                assertThat(verified(after, b.path("id").asText())).as("every backup listed as good: " + b).isTrue();
            }
        }
        assertThat(leftovers(backups)).isEmpty();
        assertThat(Commands.run(List.of("lxc", "query", "/1.0/instances/" + name + "/backups?project=" + project(1))))
                .as("no LXD backup left behind")
                .doesNotContain("axion-");
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

    private String stateOf(String token, String backupId) {
        return json(request(1, "GET", "/api/v1/backups/" + backupId, token, null)).path("state").asText();
    }

    private boolean verified(String token, String backupId) {
        HttpResponse<String> verify = request(1, "POST", "/api/v1/backups/" + backupId + "/verify", token, null);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        return json(verify).path("good").asBoolean();
    }

    private static JsonNode awaitJobEnd(String token, String id) {
        return await().atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> json(request(1, "GET", "/api/v1/jobs/" + id, token, null)),
                        job -> job.path("state").asText().equals("COMPLETED")
                                || job.path("state").asText().equals("FAILED"));
    }

    /** Staged exports and partial archives in the directory target. */
    private static List<Path> leftovers(Path backups) {
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(backups)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".partial") || f.getParent().endsWith(".staging"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
