package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Backups and schedules on the real distribution and the real LXD: back up, delete, restore with every file's
 * sha256 the same, to a directory and to restic; a per-minute schedule runs once per tick.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackupIT extends KarafTestSupport {
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);
    private static final String RESTIC_REPO = "/tmp/axion-itest-restic-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    @Configuration
    public Option[] config() {
        return withBaseOptions(
                editConfigurationFilePut("etc/io.axion.backup.cfg", "resticRepository", RESTIC_REPO),
                editConfigurationFilePut("etc/io.axion.backup.cfg", "resticPassword", "itest-secret"),
                editConfigurationFilePut("etc/io.axion.backup.cfg", "checkSeconds", "1"),
                editConfigurationFilePut("etc/io.axion.lxd.cfg", "stopTimeoutSeconds", "2"));
    }

    @Before
    public void loginWhenServed() {
        token = adminToken();
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(send("GET", "/api/v1/openapi.json", null).body())
                .contains("/api/v1/instances/{name}/backups", "/api/v1/backups/{id}/restore"));
    }

    @Test
    public void backUpDeleteRestoreKeepsEveryFileToADirectory() {
        backUpDeleteRestore("directory");
    }

    @Test
    public void backUpDeleteRestoreKeepsEveryFileThroughRestic() {
        backUpDeleteRestore("restic");
    }

    private void backUpDeleteRestore(String target) {
        String name = runningBusybox("bk" + target.charAt(0));
        lxc("exec", name, "--", "sh", "-c", "mkdir -p /data/sub && echo one > /data/a.txt && "
                + "head -c 200000 /dev/urandom > /data/sub/random.bin && echo three > /data/sub/c.txt");
        String before = hashes(name);

        HttpResponse<String> created = send("POST", "/api/v1/instances/" + name + "/backups",
                "{\"target\":\"" + target + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        JsonNode exported = awaitJobCompleted(json(created).path("id").asText());
        // The console's progress is the job's log: the bytes downloaded, and on restore the bytes uploaded.
        assertThat(exported.path("log").toString()).containsPattern("Downloaded [0-9.]+ MiB");
        JsonNode backup = json(send("GET", "/api/v1/instances/" + name + "/backups", null)).get(0);
        assertThat(backup.path("state").asText()).isEqualTo("good");
        String id = backup.path("id").asText();
        assertThat(json(send("GET", "/api/v1/backups", null)).toString()).contains(id);
        assertThat(json(send("POST", "/api/v1/backups/" + id + "/verify", null)).path("good").asBoolean()).isTrue();
        if (target.equals("directory")) {
            assertThat(sha256(download("/api/v1/backups/" + id + "/archive"))).isEqualTo(backup.path("sha256").asText());
        }

        lxc("delete", "--force", name);
        HttpResponse<String> restored = send("POST", "/api/v1/backups/" + id + "/restore", "{}");
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(202);
        JsonNode restoreJob = awaitJobCompleted(json(restored).path("id").asText());
        assertThat(restoreJob.path("log").toString()).containsPattern("Uploaded [0-9.]+ of [0-9.]+ MiB");
        lxc("start", name);
        assertThat(hashes(name)).isEqualTo(before);

        // Over an existing original, and as a new instance beside it.
        lxc("exec", name, "--", "sh", "-c", "echo changed > /data/a.txt");
        awaitJobCompleted(json(send("POST", "/api/v1/backups/" + id + "/restore", "{}")).path("id").asText());
        lxc("start", name);
        assertThat(hashes(name)).isEqualTo(before);
        String copy = name + "-copy";
        awaitJobCompleted(json(send("POST", "/api/v1/backups/" + id + "/restore", "{\"name\":\"" + copy + "\"}"))
                .path("id").asText());
        lxc("start", copy);
        assertThat(hashes(copy)).isEqualTo(before);

        assertThat(send("DELETE", "/api/v1/backups/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/backups/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    public void badInputIsAProblemAndChangesNothing() {
        String name = runningBusybox("bkerr");
        String schedules = "/api/v1/instances/" + name + "/schedules";
        String empty = send("GET", schedules, null).body();
        assertThat(send("PUT", schedules, "{\"snapshots\":{\"cron\":\"every day\"}}").statusCode()).isEqualTo(422);
        assertThat(send("PUT", schedules, "{\"backups\":{\"cron\":\"@daily\",\"target\":\"tape\"}}").statusCode())
                .isEqualTo(422);
        assertThat(send("GET", schedules, null).body()).isEqualTo(empty);
        assertThat(send("POST", "/api/v1/instances/ghost/backups", "{}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/backups/nope/restore", "{}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/instances/" + name + "/backups", "{\"target\":\"tape\"}").statusCode())
                .isEqualTo(422);
        assertThat(json(send("GET", "/api/v1/instances/" + name + "/backups", null)).size()).isZero();
    }

    /** The ticker checks every second, so each minute's tick is seen ~60 times: one job, one snapshot. */
    @Test
    public void aPerMinuteScheduleRunsOncePerTick() {
        String name = runningBusybox("bksched");
        HttpResponse<String> put = send("PUT", "/api/v1/instances/" + name + "/schedules",
                "{\"snapshots\":{\"cron\":\"* * * * *\",\"expiry\":\"1h\",\"keep\":5}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode first = await().atMost(Duration.ofSeconds(80)).pollInterval(Duration.ofMillis(500))
                .until(() -> scheduledJobs(name), jobs -> jobs.size() >= 1).get(0);
        awaitJobCompleted(first.path("id").asText());
        // Seconds of further checks of the same tick add nothing.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        JsonNode jobs = scheduledJobs(name);
        long distinctKeys = java.util.stream.StreamSupport.stream(jobs.spliterator(), false)
                .map(j -> j.path("idempotencyKey").asText()).distinct().count();
        assertThat(distinctKeys).isEqualTo(jobs.size());
        long autoSnapshots = lxcServer("query", "/1.0/instances/" + name + "/snapshots?project=" + lxdProject())
                .lines().filter(l -> l.contains("/auto-")).count();
        assertThat(autoSnapshots).isEqualTo(jobs.size());
    }

    /** The feature comes and goes at runtime like the others; its rows stay in the store meanwhile. */
    @Test
    public void theFeatureUninstallsAndInstallsAtRuntime() throws Exception {
        features.uninstallFeature("axion-backup");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(send("GET", "/api/v1/openapi.json", null).body())
                .doesNotContain("/api/v1/backups"));
        assertThat(send("GET", "/api/v1/backups", null).statusCode()).isEqualTo(404);
        features.installFeature("axion-backup");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(send("GET", "/api/v1/backups", null).statusCode())
                .isEqualTo(200));
    }

    private JsonNode scheduledJobs(String name) {
        JsonNode all = json(send("GET", "/api/v1/jobs?instance=" + name, null));
        var result = JSON.createArrayNode();
        all.forEach(j -> {
            if (j.path("type").asText().equals("backup.scheduled-snapshot")) {
                result.add(j);
            }
        });
        return result;
    }

    private String hashes(String name) {
        return lxc("exec", name, "--", "sh", "-c", "find /data /etc -type f -exec sha256sum {} + | sort");
    }

    private byte[] download(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String jsonBody) {
        return request(method, path, token, jsonBody);
    }

    private JsonNode awaitJobCompleted(String id) {
        return awaitJobCompleted(token, id, JOB_DEADLINE);
    }
}
