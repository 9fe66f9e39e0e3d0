package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Tenants against the real distribution and the real LXD: the {@code default} tenant an installation starts with,
 * an isolation matrix over every route of the served OpenAPI document under {@code /api/v1/instances/{name}}
 * (so routes added later are covered) and, with the HPC feature installed, under {@code /api/v1/gangs/{name}}, 40
 * racing creates against a tenant quota of 5, and a tenant's diskGiB quota.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TenantIT extends KarafTestSupport {
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);
    private static final String IMAGE = "axion/busybox";
    private static final String PASSWORD = "tenant-Passw0rd-1";
    private static final String GANG_FEATURE = "axion-hpc-scheduler";

    @Configuration
    public Option[] config() {
        return withBaseOptions(editConfigurationFilePut("etc/io.axion.quota.cfg", "cpuOvercommit", "16"));
    }

    @Before
    public void routesServe() {
        String token = adminToken();
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(request("GET", "/api/v1/tenants", token, null).statusCode()).isEqualTo(200);
            assertThat(request("GET", "/api/v1/instances", token, null).statusCode()).isEqualTo(200);
            assertThat(request("GET", "/api/v1/quota", token, null).statusCode()).isEqualTo(200);
        });
    }

    @Test
    public void anInstallationStartsWithTheDefaultTenantHoldingEveryUserAndInstance() throws Exception {
        String admin = adminToken();
        String outside = runningBusybox("outside");
        JsonNode tenants = json(request("GET", "/api/v1/tenants", admin, null));
        assertThat(tenants.toString()).contains("\"name\":\"default\"");
        JsonNode defaultTenant = json(request("GET", "/api/v1/tenants/default", admin, null));
        assertThat(defaultTenant.path("members").toString()).contains("\"username\":\"admin\"")
                .contains("\"role\":\"tenant-admin\"");
        JsonNode seen = await().atMost(DEADLINE).until(() -> find(admin, outside), n -> n != null);
        assertThat(seen.path("tenant").asText()).isEqualTo("default");
        lxc("delete", "--force", outside);
    }

    @Test
    public void aUserOfAnotherTenantGets404OnEveryInstanceRouteAndNothingChanges() throws Exception {
        String admin = adminToken();
        tenant(admin, "iso-a", Map.of());
        tenant(admin, "iso-b", Map.of());
        String userA = member(admin, "iso-a", "usera");
        String userB = member(admin, "iso-b", "userb");
        RealtimeClients.Events eventsA = new RealtimeClients.Events();
        RealtimeClients.Events eventsB = new RealtimeClients.Events();
        java.net.http.WebSocket socketA = RealtimeClients.open(ws("/ws/events?channels=jobs,instances,telemetry"),
                userA, eventsA);
        java.net.http.WebSocket socketB = RealtimeClients.open(ws("/ws/events?channels=jobs,instances,telemetry"),
                userB, eventsB);

        HttpResponse<String> made = post(userB, "/api/v1/instances", Map.of("name", "b-web", "image", IMAGE,
                "cpu", 1, "memoryMiB", 64, "start", false));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(202);
        awaitJobCompleted(userB, json(made).path("id").asText(), JOB_DEADLINE);
        JsonNode asB = await().atMost(DEADLINE).until(() -> find(userB, "b-web"), n -> n != null);
        assertThat(asB.path("tenant").asText()).isEqualTo("iso-b");
        assertThat(find(userA, "b-web")).as("A's list").isNull();
        String jobOfB = json(made).path("id").asText();
        assertThat(request("GET", "/api/v1/jobs/" + jobOfB, userA, null).statusCode()).isEqualTo(404);
        assertThat(request("GET", "/api/v1/jobs", userA, null).body()).doesNotContain(jobOfB);
        assertThat(request("GET", "/api/v1/jobs/" + jobOfB, userB, null).statusCode()).isEqualTo(200);
        // B's socket hears of its instance; by then A's has had every chance to, and must not have.
        await().atMost(DEADLINE).until(() -> eventsB.received.stream().anyMatch(r -> r.message().toString()
                .contains("b-web")));
        assertThat(eventsA.received).as("A's /ws/events").noneMatch(r -> r.message().toString().contains("b-web"));
        socketA.abort();
        socketB.abort();
        RealtimeClients.Terminal terminal = new RealtimeClients.Terminal();
        RealtimeClients.open(ws("/ws/terminal/b-web"), userA, terminal);
        assertThat(terminal.closed.get(30, TimeUnit.SECONDS)).as("A's terminal on B's instance")
                .contains("no instance named");

        String lxdBefore = lxc("list", "b-web", "--format", "json");
        int jobsBefore = json(request("GET", "/api/v1/jobs?instance=b-web", admin, null)).size();
        List<String> tried = isolationMatrix(admin, userA, "/api/v1/instances/{name}", "b-web", "x");
        assertThat(tried).as("routes under /api/v1/instances/{name}").hasSizeGreaterThan(10);
        assertThat(lxc("list", "b-web", "--format", "json")).isEqualTo(lxdBefore);
        assertThat(json(request("GET", "/api/v1/jobs?instance=b-web", admin, null)).size()).isEqualTo(jobsBefore);
        // The owner still reaches it, and a global admin sees every tenant's.
        assertThat(request("GET", "/api/v1/instances/b-web", userB, null).statusCode()).isEqualTo(200);
        assertThat(find(admin, "b-web")).isNotNull();
        awaitJobCompleted(userB, json(request("DELETE", "/api/v1/instances/b-web", userB, null)).path("id").asText(),
                JOB_DEADLINE);
    }

    /**
     * Gangs (feature {@code axion-hpc-scheduler}, installed here and uninstalled at the end) follow the instances'
     * rules: A's gang and its members are A's and count on A's quota; B gets 404 on every route of the served
     * OpenAPI document under {@code /api/v1/gangs/{name}} and on the run stream, does not list it, and nothing of
     * it changes.
     */
    @Test
    public void aGangIsItsTenantsAndAnotherTenantGets404OnItsRoutesWithNothingChanged() throws Exception {
        String admin = adminToken();
        installFeatureAtRuntime(GANG_FEATURE);
        try {
            await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> assertThat(
                    request("GET", "/api/v1/gangs", admin, null).statusCode()).isEqualTo(200));
            // Global room for more than A's quota, so that A's quota is what refuses a member below.
            HttpResponse<String> limits = request("PUT", "/api/v1/quota", admin,
                    JSON.writeValueAsString(Map.of("cpu", 20, "memoryMiB", 20 * 64)));
            assertThat(limits.statusCode()).as(limits.body()).isEqualTo(200);
            tenant(admin, "gang-a", Map.of("instances", 1));
            tenant(admin, "gang-b", Map.of());
            String userA = member(admin, "gang-a", "gangera");
            String userB = member(admin, "gang-b", "gangerb");

            // Members count on their tenant's quota: with room for one instance in A, a gang of two fails whole.
            HttpResponse<String> over = post(userA, "/api/v1/gangs", gang("tq", 2, false));
            assertThat(over.statusCode()).as(over.body()).isEqualTo(202);
            JsonNode failed = awaitGangLeaves(userA, "tq", "creating");
            assertThat(failed.path("state").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.path("tenant").asText()).isEqualTo("gang-a");
            assertThat(failed.path("reason").asText()).contains("Tenant quota exceeded");
            assertThat(lxc("list", "--format", "csv", "-c", "n")).doesNotContain("tq-");
            assertThat(request("DELETE", "/api/v1/gangs/tq", userA, null).statusCode()).isEqualTo(202);
            HttpResponse<String> raised = request("PUT", "/api/v1/tenants/gang-a", admin,
                    JSON.writeValueAsString(Map.of("quota", Map.of("instances", 2))));
            assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);

            // Queued if the host's view still counts tq's removed member: it starts by itself once it fits.
            HttpResponse<String> made = post(userA, "/api/v1/gangs", gang("tg", 2, true));
            assertThat(made.statusCode()).as(made.body()).isEqualTo(202);
            assertThat(json(made).path("tenant").asText()).isEqualTo("gang-a");
            JsonNode running = awaitGangLeaves(userA, "tg", "creating");
            assertThat(running.path("state").asText()).as(running.toString()).isEqualTo("running");
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(find(userA, "tg-1")).isNotNull());
            assertThat(find(userA, "tg-0").path("tenant").asText()).isEqualTo("gang-a");
            HttpResponse<String> started = post(userA, "/api/v1/gangs/tg/runs", Map.of("command", List.of("hostname"),
                    "timeoutSeconds", 30));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String runId = json(started).path("id").asText();
            JsonNode run = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(
                    () -> json(request("GET", "/api/v1/gangs/tg/runs/" + runId, userA, null)),
                    r -> !r.path("state").asText().equals("running"));
            assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("succeeded");

            String lxdBefore = members("tg");
            int jobsBefore = json(request("GET", "/api/v1/jobs?instance=tg-0", admin, null)).size();
            assertThat(request("GET", "/api/v1/gangs", userB, null).body()).doesNotContain("\"tg\"");
            assertThat(find(userB, "tg-0")).as("B's instance list").isNull();
            assertThat(request("GET", "/api/v1/gangs/tg", userB, null).statusCode()).isEqualTo(404);
            assertThat(request("DELETE", "/api/v1/gangs/tg", userB, null).statusCode()).isEqualTo(404);
            assertThat(request("GET", "/api/v1/gangs/tg/runs", userB, null).statusCode()).isEqualTo(404);
            assertThat(request("GET", "/api/v1/gangs/tg/runs/" + runId, userB, null).statusCode()).isEqualTo(404);
            assertThat(post(userB, "/api/v1/gangs/tg/runs", Map.of("command", List.of("touch", "/b-was-here")))
                    .statusCode()).isEqualTo(404);
            RealtimeClients.Events stream = new RealtimeClients.Events();
            RealtimeClients.open(ws("/ws/gangs/tg/runs/" + runId), userB, stream);
            assertThat(stream.closed.get(30, TimeUnit.SECONDS)).as("B's run stream of A's gang").isEqualTo(4404);
            assertThat(stream.received).isEmpty();
            List<String> tried = isolationMatrix(admin, userB, "/api/v1/gangs/{name}", "tg", runId);
            assertThat(tried).as("routes under /api/v1/gangs/{name}").hasSizeGreaterThanOrEqualTo(5);

            assertThat(members("tg")).as("A's members in LXD").isEqualTo(lxdBefore);
            assertThat(json(request("GET", "/api/v1/jobs?instance=tg-0", admin, null)).size()).isEqualTo(jobsBefore);
            JsonNode still = json(request("GET", "/api/v1/gangs/tg", userA, null));
            assertThat(still.path("state").asText()).isEqualTo("running");
            assertThat(still.path("members").findValuesAsText("state")).containsOnly("Running");
            assertThat(json(request("GET", "/api/v1/gangs/tg/runs", userA, null)).size()).as("no run of B's").isOne();
            assertThat(json(request("GET", "/api/v1/gangs", admin, null)).toString()).contains("\"tenant\":\"gang-a\"");
            await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> assertThat(
                    executeCommand("axion:gang-list")).contains("TENANT", "gang-a"));

            assertThat(request("DELETE", "/api/v1/gangs/tg", userA, null).statusCode()).isEqualTo(202);
            await().atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(request("GET", "/api/v1/gangs/tg", userA, null).statusCode()).isEqualTo(404);
                assertThat(request("GET", "/api/v1/gangs/tq", userA, null).statusCode()).isEqualTo(404);
            });
            assertThat(lxc("list", "--format", "csv", "-c", "n")).doesNotContain("tg-0", "tg-1");
        } finally {
            uninstallFeatureAtRuntime(GANG_FEATURE);
        }
    }

    private static Map<String, Object> gang(String name, int count, boolean queue) {
        return Map.of("name", name, "count", count, "queue", queue, "template", Map.of("image", IMAGE, "cpu", 1,
                "memoryMiB", 64, "cpuPolicy", "shared"));
    }

    private JsonNode awaitGangLeaves(String token, String name, String state) {
        return await().atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> json(request("GET", "/api/v1/gangs/" + name, token, null)),
                        g -> !g.path("state").asText().equals(state) && !g.path("state").asText().equals("queued"));
    }

    /** The gang's members as LXD has them: names, states and whole configs (stable while nothing touches them). */
    private static String members(String gang) {
        StringBuilder seen = new StringBuilder(lxc("list", gang + "-", "--format", "csv", "-c", "ns"));
        for (String line : seen.toString().split("\n")) {
            if (!line.isBlank()) {
                seen.append(lxc("config", "show", line.split(",")[0]));
            }
        }
        return seen.toString();
    }

    @Test
    public void fortyRacingCreatesInOneTenantAdmitExactlyItsQuotaOfFive() throws Exception {
        String admin = adminToken();
        // Global room for 20 one-core instances, the tenant's quota for 5 instances.
        HttpResponse<String> limits = request("PUT", "/api/v1/quota", admin,
                JSON.writeValueAsString(Map.of("cpu", 20, "memoryMiB", 20 * 64)));
        assertThat(limits.statusCode()).as(limits.body()).isEqualTo(200);
        tenant(admin, "race-a", Map.of("instances", 5));
        String user = member(admin, "race-a", "racer");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "race-" + i;
            answers.add(pool.submit(() -> {
                go.await();
                return post(user, "/api/v1/instances", Map.of("name", name, "image", IMAGE, "cpu", 1,
                        "memoryMiB", 64, "start", false));
            }));
        }
        go.countDown();
        List<String> jobs = new ArrayList<>();
        int refused = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
            if (response.statusCode() == 202) {
                jobs.add(json(response).path("id").asText());
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
                assertThat(response.body()).contains("quota-exceeded");
                refused++;
            }
        }
        pool.shutdown();
        assertThat(jobs).hasSize(5);
        assertThat(refused).isEqualTo(35);
        for (String job : jobs) {
            awaitJobCompleted(user, job, JOB_DEADLINE);
        }
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(json(request("GET", "/api/v1/instances", user, null))
                .findValuesAsText("tenant")).hasSize(5).containsOnly("race-a"));
        for (JsonNode instance : json(request("GET", "/api/v1/instances", user, null))) {
            awaitJobCompleted(user, json(request("DELETE", "/api/v1/instances/" + instance.path("name").asText(),
                    user, null)).path("id").asText(), JOB_DEADLINE);
        }
    }

    @Test
    public void aTenantsDiskQuotaAdmitsCreatesUpToItAndRefusesTheNextNamingDiskGiB() throws Exception {
        String admin = adminToken();
        tenant(admin, "disk-a", Map.of("diskGiB", 25));
        String user = member(admin, "disk-a", "diskuser");
        // 5 GiB of its own, then two on the pool's default, which counts defaultDiskGiB (10) each: 25 of 25.
        List<Map<String, Object>> fitting = List.of(
                Map.of("name", "disk-1", "image", IMAGE, "cpu", 1, "memoryMiB", 64, "diskGiB", 5, "start", false),
                Map.of("name", "disk-2", "image", IMAGE, "cpu", 1, "memoryMiB", 64, "start", false),
                Map.of("name", "disk-3", "image", IMAGE, "cpu", 1, "memoryMiB", 64, "start", false));
        for (Map<String, Object> create : fitting) {
            HttpResponse<String> made = post(user, "/api/v1/instances", create);
            assertThat(made.statusCode()).as(made.body()).isEqualTo(202);
            awaitJobCompleted(user, json(made).path("id").asText(), JOB_DEADLINE);
        }
        HttpResponse<String> refused = post(user, "/api/v1/instances", Map.of("name", "disk-4", "image", IMAGE,
                "cpu", 1, "memoryMiB", 64, "diskGiB", 1, "start", false));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.body()).contains("quota-exceeded").contains("diskGiB: 26 GiB needed of a quota of 25");
        assertThat(JSON.readTree(lxc("list", "disk-4", "--format", "json"))).as("LXD's disk-4").isEmpty();
        assertThat(find(user, "disk-4")).isNull();
        // The instances show the root disk LXD has: disk-1's size, none for the pool's default.
        JsonNode sized = await().atMost(DEADLINE).until(() -> find(user, "disk-1"), n -> n != null);
        assertThat(sized.path("diskGiB").asLong()).isEqualTo(5);
        JsonNode pooled = await().atMost(DEADLINE).until(() -> find(user, "disk-2"), n -> n != null);
        assertThat(pooled.path("diskGiB").isNull()).as(pooled.toString()).isTrue();
        for (Map<String, Object> create : fitting) {
            awaitJobCompleted(user, json(request("DELETE", "/api/v1/instances/" + create.get("name"), user, null))
                    .path("id").asText(), JOB_DEADLINE);
        }
    }

    /**
     * Every route of the served OpenAPI document under {@code prefix} (so routes added later, and those of features
     * installed now, are covered), asked by {@code outsider} about another tenant's {@code name}: 404 naming it, as
     * for a missing one, or 403 for the outsider's role. Other path parameters are {@code other}.
     */
    private List<String> isolationMatrix(String admin, String outsider, String prefix, String name, String other) {
        JsonNode openApi = json(request("GET", "/api/v1/openapi.json", admin, null));
        List<String> tried = new ArrayList<>();
        Iterator<String> paths = openApi.path("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            if (!path.startsWith(prefix)) {
                continue;
            }
            Iterator<String> methods = openApi.path("paths").path(path).fieldNames();
            while (methods.hasNext()) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                String concrete = path.replace("{name}", name).replaceAll("\\{[^}]+}", other);
                String body = List.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null;
                HttpResponse<String> answer = request(method, concrete, outsider, body);
                assertThat(answer.statusCode()).as(method + " " + concrete + ": " + answer.body())
                        .isIn(404, 403);
                if (answer.statusCode() == 404) {
                    assertThat(answer.body()).as(method + " " + concrete).contains(name);
                }
                tried.add(method + " " + path);
            }
        }
        return tried;
    }

    private void tenant(String admin, String name, Map<String, Object> quota) throws Exception {
        HttpResponse<String> created = post(admin, "/api/v1/tenants", Map.of("name", name, "quota", quota));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** A new operator of {@code tenant} only (every new user joins default first; this one leaves it). */
    private String member(String admin, String tenant, String username) throws Exception {
        HttpResponse<String> user = post(admin, "/api/v1/users", Map.of("username", username, "password", PASSWORD,
                "role", "operator"));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        assertThat(request("DELETE", "/api/v1/tenants/default/members/" + username, admin, null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> joined = request("PUT", "/api/v1/tenants/" + tenant + "/members/" + username, admin,
                "{\"role\": \"operator\"}");
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        HttpResponse<String> login = post(null, "/api/v1/auth/login", Map.of("username", username,
                "password", PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).path("token").asText();
    }

    private String ws(String path) {
        return baseUrl().replace("http://", "ws://") + path;
    }

    private JsonNode find(String token, String name) {
        for (JsonNode instance : json(request("GET", "/api/v1/instances", token, null))) {
            if (instance.path("name").asText().equals(name)) {
                return instance;
            }
        }
        return null;
    }

    private HttpResponse<String> post(String token, String path, Map<String, Object> body) throws Exception {
        return request("POST", path, token, JSON.writeValueAsString(body));
    }
}
