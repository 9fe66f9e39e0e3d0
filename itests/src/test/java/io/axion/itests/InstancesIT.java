package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every instance and quota route of shared/API.md against the real distribution and the real LXD: each success
 * checked in LXD with {@code lxc}, each error case with its status and problem type, and 32 concurrent creates
 * against a quota that fits 8.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InstancesIT extends KarafTestSupport {
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);
    private static final String IMAGE = "axion/busybox";
    private static final String PROBLEM = "https://axion.dev/problems/";

    @Configuration
    public Option[] config() {
        return withBaseOptions(
                // 2 cores here: overcommit so that 8 one-core instances fit under a limit an admin may set.
                editConfigurationFilePut("etc/io.axion.quota.cfg", "cpuOvercommit", "16"),
                editConfigurationFilePut("etc/io.axion.lxd.cfg", "stopTimeoutSeconds", "10"));
    }

    /**
     * Pax Exam may start a test before every feature's bundles are up: wait until the instance and quota routes
     * answer and the first listing of LXD is in.
     */
    @Before
    public void routesServe() {
        String token = adminToken();
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(json(request("GET", "/api/v1/capabilities", token, null)).path("capabilities").toString())
                    .contains("\"instances\"").contains("\"quota\"");
            assertThat(request("GET", "/api/v1/instances", token, null).statusCode()).isEqualTo(200);
            assertThat(request("GET", "/api/v1/quota", token, null).statusCode()).isEqualTo(200);
        });
        // A test that failed half-way must not leave a tight quota to the next one.
        try {
            restoreDefaultLimits(token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- instances ---------------------------------------------------------------------------------------------

    @Test
    public void anInstanceLivesThroughEveryRouteAndLxdAgreesAtEachStep() throws Exception {
        String token = adminToken();
        String cloudInit = "#cloud-config\nruncmd:\n  - echo axion\n";
        HttpResponse<String> created = post(token, "/api/v1/instances", Map.of("name", "life", "image", IMAGE,
                "cpu", 1, "memoryMiB", 64, "cloudInit", cloudInit));
        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode job = json(created);
        assertThat(job.path("type").asText()).isEqualTo("instance.create");
        assertThat(job.path("state").asText()).isIn("PENDING", "IN_PROGRESS", "COMPLETED");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/jobs/" + job.path("id").asText()));
        awaitJob(token, job, "COMPLETED");

        assertThat(lxcList()).contains("life,RUNNING");
        assertThat(lxc("config", "get", "life", "limits.cpu").trim()).isEqualTo("1");
        assertThat(lxc("config", "get", "life", "limits.memory").trim()).isEqualTo("64MiB");
        assertThat(lxc("config", "get", "life", "cloud-init.user-data").trim()).isEqualTo(cloudInit.trim());

        JsonNode listed = findListed(token, "life");
        assertThat(listed.path("status").asText()).isEqualTo("Running");
        assertThat(listed.path("image").asText()).isEqualTo(IMAGE);
        assertThat(listed.path("cpu").asInt()).isEqualTo(1);
        assertThat(listed.path("memoryMiB").asInt()).isEqualTo(64);
        assertThat(listed.path("node").asText()).isEqualTo(json(get("/api/v1/health")).path("node").asText());
        assertThat(listed.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(listed.path("usage").has("cpuPercent")).isTrue();
        assertThat(listed.path("usage").has("memoryBytes")).isTrue();
        assertThat(listed.path("forwards").isArray()).isTrue();

        HttpResponse<String> one = request("GET", "/api/v1/instances/life", token, null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).path("config").path("limits.cpu").asText()).isEqualTo("1");
        assertThat(json(one).path("config").path("cloud-init.user-data").asText()).doesNotContain("echo axion");
        assertThat(json(one).path("snapshots").isArray()).isTrue();

        HttpResponse<String> duplicate = post(token, "/api/v1/instances", Map.of("name", "life", "image", IMAGE,
                "cpu", 1, "memoryMiB", 64));
        assertProblem(duplicate, 409, "already-exists");

        // Resize, live: the instance keeps running.
        HttpResponse<String> resized = request("PATCH", "/api/v1/instances/life", token,
                JSON.writeValueAsString(Map.of("memoryMiB", 128, "cpu", 2)));
        assertThat(resized.statusCode()).isEqualTo(202);
        awaitJob(token, json(resized), "COMPLETED");
        assertThat(lxc("config", "get", "life", "limits.memory").trim()).isEqualTo("128MiB");
        assertThat(lxc("config", "get", "life", "limits.cpu").trim()).isEqualTo("2");
        assertThat(lxcList()).contains("life,RUNNING");
        await().atMost(DEADLINE).until(() -> findListed(token, "life").path("memoryMiB").asInt() == 128);

        action(token, "life", "stop", "");
        assertThat(lxcList()).contains("life,STOPPED");
        await().atMost(DEADLINE).until(() -> "Stopped".equals(findListed(token, "life").path("status").asText()));
        action(token, "life", "start", "");
        assertThat(lxcList()).contains("life,RUNNING");
        String pidBefore = initPid("life");
        action(token, "life", "restart", "?force=true");
        assertThat(lxcList()).contains("life,RUNNING");
        assertThat(initPid("life")).isNotEqualTo(pidBefore);
        action(token, "life", "restart", "");
        assertThat(lxcList()).contains("life,RUNNING");
        action(token, "life", "stop", "?force=true");
        assertThat(lxcList()).contains("life,STOPPED");
        action(token, "life", "start", "");
        assertThat(lxcList()).contains("life,RUNNING");

        // Delete stops the running instance first.
        HttpResponse<String> deleted = request("DELETE", "/api/v1/instances/life", token, null);
        assertThat(deleted.statusCode()).isEqualTo(202);
        JsonNode deleteJob = awaitJob(token, json(deleted), "COMPLETED");
        assertThat(deleteJob.path("log").toString()).contains("Stopping it first");
        assertThat(lxcList()).doesNotContain("life,");
        assertThat(request("GET", "/api/v1/instances/life", token, null).statusCode()).isEqualTo(404);
    }

    @Test
    public void theListFollowsChangesMadeOutsideAxionAndTheyCountInTheQuota() {
        String token = adminToken();
        long before = quota(token).path("memoryMiB").path("allocated").asLong();
        lxcWithoutStdin("init", IMAGE, "outside", "-c", "limits.cpu=1", "-c", "limits.memory=96MiB");
        await().atMost(DEADLINE).until(() -> findListedOrNull(token, "outside") != null);
        assertThat(findListed(token, "outside").path("status").asText()).isEqualTo("Stopped");
        assertThat(quota(token).path("memoryMiB").path("allocated").asLong()).isEqualTo(before + 96);
        lxc("delete", "outside");
        await().atMost(DEADLINE).until(() -> findListedOrNull(token, "outside") == null);
    }

    @Test
    public void anUnfetchableRemoteImageFallsBackAndTheJobLogSaysSo() throws Exception {
        String token = adminToken();
        HttpResponse<String> created = post(token, "/api/v1/instances", Map.of("name", "fallback",
                "image", "images:busybox", "cpu", 1, "memoryMiB", 64, "start", false));
        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode job = awaitJob(token, json(created), "COMPLETED");
        assertThat(job.path("log").toString()).contains("fallback").contains(IMAGE);
        assertThat(lxcList()).contains("fallback,STOPPED");
        awaitJob(token, json(request("DELETE", "/api/v1/instances/fallback", token, null)), "COMPLETED");
        assertThat(lxcList()).doesNotContain("fallback,");
    }

    @Test
    public void badRequestsAreProblemsAndLeaveNoJobs() throws Exception {
        String token = adminToken();
        int jobsBefore = jobCount(token);

        HttpResponse<String> unparseable = request("POST", "/api/v1/instances", token, "{\"name\": ");
        assertProblem(unparseable, 400, "unparseable-body");
        assertProblem(post(token, "/api/v1/instances", Map.of("name", "Bad_Name", "image", IMAGE, "cpu", 1,
                "memoryMiB", 64)), 422, "validation", "name");
        assertProblem(post(token, "/api/v1/instances", Map.of("name", "ok", "image", IMAGE, "cpu", 0,
                "memoryMiB", 64)), 422, "validation", "cpu");
        assertProblem(post(token, "/api/v1/instances", Map.of("name", "ok", "image", IMAGE, "cpu", 1)), 422,
                "validation", "memoryMiB");
        assertProblem(post(token, "/api/v1/instances", Map.of("name", "ok", "image", IMAGE, "cpu", "one",
                "memoryMiB", 64)), 422, "validation", "cpu");
        // More memory than the whole host: refused by the governor.
        HttpResponse<String> tooBig = post(token, "/api/v1/instances", Map.of("name", "huge", "image", IMAGE,
                "cpu", 1, "memoryMiB", 16 * 1024 * 1024));
        assertProblem(tooBig, 422, "quota-exceeded", "memoryMiB");

        for (String[] route : new String[][] {{"GET", ""}, {"PATCH", ""}, {"DELETE", ""}, {"POST", "/start"},
                {"POST", "/stop"}, {"POST", "/restart"}}) {
            String body = route[0].equals("PATCH") ? "{\"cpu\": 1}" : null;
            assertProblem(request(route[0], "/api/v1/instances/ghost" + route[1], token, body), 404, "not-found");
        }
        assertThat(jobCount(token)).isEqualTo(jobsBefore);
        assertThat(lxcList()).doesNotContain("ok,").doesNotContain("huge,");

        assertThat(request("GET", "/api/v1/instances", null, null).statusCode()).isEqualTo(401);
        assertThat(request("GET", "/api/v1/quota", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    public void aViewerReadsButMayNotChangeAnything() throws Exception {
        String admin = adminToken();
        HttpResponse<String> user = post(admin, "/api/v1/users", Map.of("username", "watcher",
                "password", "Viewer-Pa55-word", "role", "viewer"));
        assertThat(user.statusCode()).isEqualTo(201);
        HttpResponse<String> login = request("POST", "/api/v1/auth/login", null,
                JSON.writeValueAsString(Map.of("username", "watcher", "password", "Viewer-Pa55-word")));
        String viewer = json(login).path("token").asText();

        HttpResponse<String> made = post(admin, "/api/v1/instances", Map.of("name", "seen", "image", IMAGE,
                "cpu", 1, "memoryMiB", 64, "start", false));
        awaitJob(admin, json(made), "COMPLETED");

        assertThat(request("GET", "/api/v1/instances", viewer, null).statusCode()).isEqualTo(200);
        assertThat(request("GET", "/api/v1/instances/seen", viewer, null).statusCode()).isEqualTo(200);
        assertThat(request("GET", "/api/v1/quota", viewer, null).statusCode()).isEqualTo(200);
        assertProblem(post(viewer, "/api/v1/instances", Map.of("name", "nope", "image", IMAGE, "cpu", 1,
                "memoryMiB", 64)), 403, "forbidden");
        assertProblem(request("PATCH", "/api/v1/instances/seen", viewer, "{\"cpu\": 2}"), 403, "forbidden");
        for (String action : List.of("start", "stop", "restart")) {
            assertProblem(request("POST", "/api/v1/instances/seen/" + action, viewer, null), 403, "forbidden");
        }
        assertProblem(request("DELETE", "/api/v1/instances/seen", viewer, null), 403, "forbidden");
        assertProblem(request("PUT", "/api/v1/quota", viewer, "{\"cpu\": 1, \"memoryMiB\": 64}"), 403, "forbidden");
        assertThat(lxcList()).contains("seen,STOPPED");

        awaitJob(admin, json(request("DELETE", "/api/v1/instances/seen", admin, null)), "COMPLETED");
        request("DELETE", "/api/v1/users/watcher", admin, null);
    }

    // --- quota -------------------------------------------------------------------------------------------------

    @Test
    public void theQuotaShowsTheHostAndAcceptsOnlyLimitsWithinIt() throws Exception {
        String token = adminToken();
        JsonNode quota = quota(token);
        JsonNode resources = JSON.readTree(lxcServer("query", "/1.0/resources"));
        long cores = 0;
        for (JsonNode socket : resources.path("cpu").path("sockets")) {
            cores += socket.path("cores").size();
        }
        long memoryMiB = resources.path("memory").path("total").asLong() / (1024 * 1024);
        assertThat(quota.path("cpu").path("physical").asLong()).isEqualTo(cores);
        assertThat(quota.path("memoryMiB").path("physical").asLong()).isEqualTo(memoryMiB);
        assertThat(quota.path("memoryMiB").path("limit").asLong()).isLessThanOrEqualTo(memoryMiB);
        assertThat(quota.path("cpu").path("limit").asLong()).isLessThanOrEqualTo(cores * 16);

        assertProblem(put(token, Map.of("cpu", cores * 16 + 1, "memoryMiB", 1024)), 422, "validation", "cpu");
        assertProblem(put(token, Map.of("cpu", 1, "memoryMiB", memoryMiB + 1)), 422, "validation", "memoryMiB");
        assertProblem(put(token, Map.of("cpu", 1)), 422, "validation", "memoryMiB");
        assertProblem(request("PUT", "/api/v1/quota", token, "{cpu"), 400, "unparseable-body");

        HttpResponse<String> made = post(token, "/api/v1/instances", Map.of("name", "holder", "image", IMAGE,
                "cpu", 2, "memoryMiB", 256, "start", false));
        awaitJob(token, json(made), "COMPLETED");
        long allocatedCpu = quota(token).path("cpu").path("allocated").asLong();
        assertProblem(put(token, Map.of("cpu", allocatedCpu - 1, "memoryMiB", memoryMiB)), 422, "validation", "cpu");

        HttpResponse<String> set = put(token, Map.of("cpu", allocatedCpu + 1, "memoryMiB", 4096));
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).path("cpu").path("limit").asLong()).isEqualTo(allocatedCpu + 1);
        assertThat(quota(token).path("memoryMiB").path("limit").asLong()).isEqualTo(4096);

        // A resize beyond the limit is refused before any job; LXD keeps the old figure.
        assertProblem(request("PATCH", "/api/v1/instances/holder", token, "{\"cpu\": 4}"), 422, "quota-exceeded",
                "cpu");
        assertThat(lxc("config", "get", "holder", "limits.cpu").trim()).isEqualTo("2");

        restoreDefaultLimits(token);
        awaitJob(token, json(request("DELETE", "/api/v1/instances/holder", token, null)), "COMPLETED");
    }

    @Test
    public void thirtyTwoConcurrentCreatesAgainstAQuotaThatFitsEightAdmitExactlyEight() throws Exception {
        String token = adminToken();
        JsonNode before = quota(token);
        long cpuLimit = before.path("cpu").path("allocated").asLong() + 8;
        long memoryLimit = before.path("memoryMiB").path("allocated").asLong() + 8 * 64;
        assertThat(put(token, Map.of("cpu", cpuLimit, "memoryMiB", memoryLimit)).statusCode()).isEqualTo(200);

        AtomicLong highestCpu = new AtomicLong();
        AtomicLong highestMemory = new AtomicLong();
        // Samples the allocated totals every 20 ms while the creates race and their jobs run.
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleWithFixedDelay(() -> {
            try {
                JsonNode now = quota(token);
                highestCpu.accumulateAndGet(now.path("cpu").path("allocated").asLong(), Math::max);
                highestMemory.accumulateAndGet(now.path("memoryMiB").path("allocated").asLong(), Math::max);
            } catch (RuntimeException | AssertionError e) {
                // a failed poll is no evidence either way; the next one counts
            }
        }, 0, 20, TimeUnit.MILLISECONDS);

        // Plain HTTP/1.1 connections of their own, so that the 32 requests really are concurrent.
        HttpClient racers = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<JsonNode> admitted = new ArrayList<>();
        int refused = 0;
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String body = JSON.writeValueAsString(Map.of("name", "race-" + i, "image", IMAGE, "cpu", 1,
                        "memoryMiB", 64, "start", false));
                Callable<HttpResponse<String>> create = () -> {
                    go.await();
                    return racers.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/instances"))
                            .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                };
                answers.add(pool.submit(create));
            }
            go.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
                if (response.statusCode() == 202) {
                    admitted.add(json(response));
                } else {
                    assertProblem(response, 422, "quota-exceeded");
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admitted).hasSize(8);
        assertThat(refused).isEqualTo(24);

        try {
            for (JsonNode job : admitted) {
                awaitJob(token, job, "COMPLETED");
            }
        } finally {
            watcher.shutdownNow();
            watcher.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(highestCpu.get()).isLessThanOrEqualTo(cpuLimit);
        assertThat(highestMemory.get()).isLessThanOrEqualTo(memoryLimit);
        JsonNode after = quota(token);
        assertThat(after.path("cpu").path("allocated").asLong()).isEqualTo(cpuLimit);
        assertThat(after.path("memoryMiB").path("allocated").asLong()).isEqualTo(memoryLimit);
        assertThat(lxcList().lines().filter(line -> line.startsWith("race-"))).hasSize(8);

        for (JsonNode job : admitted) {
            HttpResponse<String> deleted = request("DELETE", "/api/v1/instances/" + job.path("instance").asText(),
                    token, null);
            awaitJob(token, json(deleted), "COMPLETED");
        }
        assertThat(lxcList()).doesNotContain("race-");
        await().atMost(DEADLINE).until(() -> quota(token).path("memoryMiB").path("allocated").asLong()
                == before.path("memoryMiB").path("allocated").asLong());
        restoreDefaultLimits(token);
    }

    @Test
    public void theOpenApiDocumentDescribesEveryInstanceAndQuotaRoute() {
        String token = adminToken();
        HttpResponse<String> document = request("GET", "/api/v1/openapi.json", token, null);
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode paths = json(document).path("paths");
        Map<String, List<String>> expected = Map.of(
                "/api/v1/instances", List.of("get", "post"),
                "/api/v1/instances/{name}", List.of("get", "patch", "delete"),
                "/api/v1/instances/{name}/start", List.of("post"),
                "/api/v1/instances/{name}/stop", List.of("post"),
                "/api/v1/instances/{name}/restart", List.of("post"),
                "/api/v1/quota", List.of("get", "put"));
        expected.forEach((path, methods) -> {
            assertThat(paths.has(path)).as(path + " in " + paths.fieldNames()).isTrue();
            for (String method : methods) {
                assertThat(paths.path(path).has(method)).as(method + " " + path).isTrue();
            }
        });
        // Records become schemas: the list's items and the quota's figures are described.
        assertThat(document.body()).contains("memoryMiB").contains("cpuPercent").contains("physical");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private HttpResponse<String> post(String token, String path, Map<String, ?> body) throws Exception {
        return request("POST", path, token, JSON.writeValueAsString(body));
    }

    private HttpResponse<String> put(String token, Map<String, ?> body) throws Exception {
        return request("PUT", "/api/v1/quota", token, JSON.writeValueAsString(body));
    }

    private JsonNode quota(String token) {
        HttpResponse<String> quota = request("GET", "/api/v1/quota", token, null);
        assertThat(quota.statusCode()).as(quota.body()).isEqualTo(200);
        return json(quota);
    }

    /** Back to the host's figures: physical memory, physical cores × the configured overcommit (16). */
    private void restoreDefaultLimits(String token) throws Exception {
        JsonNode quota = quota(token);
        put(token, Map.of("cpu", quota.path("cpu").path("physical").asLong() * 16,
                "memoryMiB", quota.path("memoryMiB").path("physical").asLong()));
    }

    private void action(String token, String name, String action, String query) {
        HttpResponse<String> response = request("POST", "/api/v1/instances/" + name + "/" + action + query, token,
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).path("type").asText()).isEqualTo("instance." + action);
        awaitJob(token, json(response), "COMPLETED");
    }

    /** Polls the job's route until it finished; asserts the end state and returns the job with its log. */
    private JsonNode awaitJob(String token, JsonNode job, String state) {
        String id = job.path("id").asText();
        JsonNode finished = await().atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(200)).until(
                () -> json(request("GET", "/api/v1/jobs/" + id, token, null)),
                j -> j.path("state").asText().equals("COMPLETED") || j.path("state").asText().equals("FAILED"));
        assertThat(finished.path("state").asText()).as(finished.toString()).isEqualTo(state);
        return finished;
    }

    private int jobCount(String token) {
        return json(request("GET", "/api/v1/jobs?limit=1000", token, null)).size();
    }

    private JsonNode findListed(String token, String name) {
        JsonNode found = findListedOrNull(token, name);
        assertThat(found).as("instance " + name + " in the list").isNotNull();
        return found;
    }

    private JsonNode findListedOrNull(String token, String name) {
        HttpResponse<String> list = request("GET", "/api/v1/instances", token, null);
        assertThat(list.statusCode()).isEqualTo(200);
        for (JsonNode instance : json(list)) {
            if (instance.path("name").asText().equals(name)) {
                return instance;
            }
        }
        return null;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug, String... named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("type").asText()).isEqualTo(PROBLEM + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        for (String field : named) {
            assertThat(problem.path("detail").asText()).contains(field);
        }
    }

    /** {@code name,STATE} lines of this run's LXD project. */
    private static String lxcList() {
        return lxc("list", "--format", "csv", "-c", "ns");
    }

    /** {@code lxc init} reads an instance config from a stdin that is not a terminal: give it an empty one. */
    private static void lxcWithoutStdin(String... args) {
        List<String> command = new ArrayList<>(List.of("lxc", "--project", "axion-it-" + System.getProperty("axion.it.run")));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String initPid(String name) {
        return lxc("info", name).lines().filter(line -> line.startsWith("PID:")).findFirst().orElse("none");
    }
}
