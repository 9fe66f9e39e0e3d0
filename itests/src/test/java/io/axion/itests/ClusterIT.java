package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.Test;

/**
 * Three real nodes, one control plane (issue 14's acceptance): every node lists and acts on every host's instances,
 * changes show on any node's event stream, accounts, tokens and quota are one, and racing creates on all nodes never
 * pass the quota together.
 */
public class ClusterIT extends ClusterTestSupport {

    @Test
    public void everyNodeListsEveryHostsInstancesAndActionsSentAnywhereRunOnTheOwner() throws Exception {
        String token = adminToken(1);
        String watcherToken = adminToken(2);
        RealtimeClients.Events events = new RealtimeClients.Events();
        WebSocket socket = RealtimeClients.open(wsUrl(2) + "/ws/events", watcherToken, events);
        try {
            JsonNode created = json(request(1, "POST", "/api/v1/instances", token, Map.of("name", "far",
                    "image", IMAGE, "cpu", 1, "memoryMiB", 64, "host", host(3))));
            JsonNode done = awaitJob(1, token, created.path("id").asText());
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.path("node").asText()).isEqualTo(nodeName(3));
            assertThat(done.path("host").asText()).isEqualTo(host(3));
            assertThat(lxdInstances(3)).contains("far");

            for (int node = 1; node <= NODES; node++) {
                int asked = node;
                String nodeToken = adminToken(asked);
                JsonNode far = await().atMost(DEADLINE).until(() -> instance(asked, nodeToken, "far"),
                        i -> i != null && "Running".equals(i.path("status").asText()));
                assertThat(far.path("host").asText()).isEqualTo(host(3));
                assertThat(far.path("node").asText()).isEqualTo(nodeName(3));
            }
            JsonNode onHost = json(request(2, "GET", "/api/v1/instances?host=" + host(3), watcherToken, null));
            assertThat(names(onHost)).contains("far");
            assertThat(names(json(request(2, "GET", "/api/v1/instances?host=" + host(1), watcherToken, null))))
                    .doesNotContain("far");

            finish(token, request(1, "POST", "/api/v1/instances/far/stop", token, null));
            finish(token, request(1, "PATCH", "/api/v1/instances/far", token, Map.of("cpu", 2)));
            assertThat(lxc(3, "config", "get", "far", "limits.cpu").trim()).isEqualTo("2");
            finish(token, request(1, "DELETE", "/api/v1/instances/far", token, null));
            assertThat(lxdInstances(3)).doesNotContain("far");

            await().atMost(DEADLINE).untilAsserted(() -> {
                List<String> changes = events.on("instances").stream()
                        .filter(r -> "far".equals(r.message().path("data").path("name").asText()))
                        .map(r -> r.message().path("type").asText()).toList();
                assertThat(changes).contains("instance-added", "instance-updated", "instance-removed");
                assertThat(events.on("jobs").stream().map(r -> r.message().path("data").path("type").asText()))
                        .contains("instance.create", "instance.stop", "instance.resize", "instance.delete");
            });
        } finally {
            socket.abort();
        }
    }

    @Test
    public void accountsTokensThrottleAndQuotaAreOneAcrossNodes() throws Exception {
        String admin = adminToken(1);
        HttpResponse<String> made = request(1, "POST", "/api/v1/users", admin,
                Map.of("username", "shared", "password", "first-password-1", "role", "operator"));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);

        String token = login(2, "shared", "first-password-1");
        assertThat(request(3, "GET", "/api/v1/auth/me", token, null).statusCode()).isEqualTo(200);
        String tokenFromOne = login(1, "shared", "first-password-1");
        assertThat(request(2, "GET", "/api/v1/auth/me", tokenFromOne, null).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = request(1, "POST", "/api/v1/auth/password", tokenFromOne,
                Map.of("currentPassword", "first-password-1", "newPassword", "second-password-2"));
        assertThat(changed.statusCode()).as(changed.body()).isBetween(200, 204);
        long revokedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> request(2, "GET", "/api/v1/auth/me", token, null).statusCode() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(login(3, "shared", "second-password-2")).isNotBlank();

        // An API token made on one node works on every node, and a revoke on one is refused by all within 1 s.
        HttpResponse<String> minted = request(1, "POST", "/api/v1/tokens", admin,
                Map.of("name", "cluster-it", "scopes", List.of("read")));
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        String apiToken = json(minted).path("token").asText();
        for (int node = 1; node <= NODES; node++) {
            assertThat(request(node, "GET", "/api/v1/tokens", apiToken, null).statusCode()).isEqualTo(200);
        }
        assertThat(request(1, "DELETE", "/api/v1/tokens/" + json(minted).path("id").asText(), admin, null)
                .statusCode()).isEqualTo(204);
        long tokenRevokedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                request(2, "GET", "/api/v1/tokens", apiToken, null).statusCode() == 401
                        && request(3, "GET", "/api/v1/tokens", apiToken, null).statusCode() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - tokenRevokedAt)).isLessThan(Duration.ofSeconds(1));

        // Failed logins on one node count on every node.
        int status = 0;
        for (int attempt = 0; attempt < 12 && status != 429; attempt++) {
            status = request(1 + attempt % NODES, "POST", "/api/v1/auth/login", null,
                    Map.of("username", "shared", "password", "wrong")).statusCode();
        }
        assertThat(status).isEqualTo(429);
        assertThat(request(2, "POST", "/api/v1/auth/login", null,
                Map.of("username", "shared", "password", "second-password-2")).statusCode()).isEqualTo(429);

        HttpResponse<String> limits = request(2, "PUT", "/api/v1/quota", admin, Map.of("cpu", 40, "memoryMiB", 8192));
        assertThat(limits.statusCode()).as(limits.body()).isEqualTo(200);
        JsonNode quota = json(request(3, "GET", "/api/v1/quota", adminToken(3), null));
        assertThat(quota.path("cpu").path("limit").asLong()).isEqualTo(40);
        assertThat(quota.path("hosts")).hasSize(NODES);
    }

    @Test
    public void sixtyRacingCreatesOverThreeNodesAgainstAQuotaForTwelveAdmitExactlyTwelve() throws Exception {
        String[] tokens = {null, adminToken(1), adminToken(2), adminToken(3)};
        HttpResponse<String> limits = request(1, "PUT", "/api/v1/quota", tokens[1],
                Map.of("cpu", 12, "memoryMiB", 12 * 1024));
        assertThat(limits.statusCode()).as(limits.body()).isEqualTo(200);
        ExecutorService clients = Executors.newFixedThreadPool(60);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int node = 1 + i % NODES;
            String name = "race-" + i;
            answers.add(clients.submit(() -> {
                start.await();
                return request(node, "POST", "/api/v1/instances", tokens[node], Map.of("name", name, "image", IMAGE,
                        "cpu", 1, "memoryMiB", 64, "start", false));
            }));
        }
        start.countDown();
        List<JsonNode> admitted = new ArrayList<>();
        int refused = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 202) {
                admitted.add(json(response));
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
                assertThat(json(response).path("type").asText()).endsWith("quota-exceeded");
                refused++;
            }
        }
        clients.shutdown();
        assertThat(admitted).hasSize(12);
        assertThat(refused).isEqualTo(48);
        for (JsonNode job : admitted) {
            assertThat(awaitJob(1, tokens[1], job.path("id").asText()).path("state").asText()).isEqualTo("COMPLETED");
        }
        // Placement spread them over the hosts, each within its own ceiling.
        long hostsUsed = admitted.stream().map(j -> j.path("host").asText()).distinct().count();
        assertThat(hostsUsed).isGreaterThan(1);
        int inLxd = 0;
        for (int node = 1; node <= NODES; node++) {
            inLxd += (int) lxdInstances(node).stream().filter(n -> n.startsWith("race-")).count();
        }
        assertThat(inLxd).isEqualTo(12);
        for (JsonNode job : admitted) {
            finish(tokens[2], request(2, "DELETE", "/api/v1/instances/" + job.path("instance").asText(), tokens[2],
                    null));
        }
    }

    @Test
    public void aRunningInstanceMigratesToAnotherHostWithItsQuotaShareAndForward() throws Exception {
        String token = adminToken(3);
        finish(token, request(3, "POST", "/api/v1/instances", token, Map.of("name", "mover", "image", IMAGE,
                "cpu", 1, "memoryMiB", 64, "host", host(1))));
        try {
            HttpResponse<String> forward = request(3, "POST", "/api/v1/instances/mover/forwards", token,
                    Map.of("hostPort", 18090, "containerPort", 80, "protocol", "tcp"));
            assertThat(forward.statusCode()).as(forward.body()).isEqualTo(201);

            HttpResponse<String> unknown = request(3, "POST", "/api/v1/instances/mover/migrate", token,
                    Map.of("host", "no-such-host"));
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
            assertThat(lxdInstances(1)).contains("mover");

            // Sent to node 3, run by node 1 (the source's owner), onto node 2's host.
            finish(token, request(3, "POST", "/api/v1/instances/mover/migrate", token, Map.of("host", host(2))));
            assertThat(lxdInstances(1)).doesNotContain("mover");
            assertThat(lxdInstances(2)).contains("mover");
            assertThat(lxc(2, "list", "mover", "--format", "csv", "-c", "s").trim()).isEqualTo("RUNNING");
            JsonNode moved = await().atMost(DEADLINE).until(() -> instance(1, token, "mover"),
                    i -> i != null && host(2).equals(i.path("host").asText()));
            assertThat(moved.path("forwards").findValuesAsText("hostPort")).contains("18090");
            JsonNode quota = json(request(1, "GET", "/api/v1/quota", token, null));
            for (JsonNode share : quota.path("hosts")) {
                if (share.path("host").asText().equals(host(2))) {
                    assertThat(share.path("cpu").path("allocated").asLong()).isGreaterThanOrEqualTo(1);
                }
            }
        } finally {
            // Whatever failed, the instance goes: the quota test after this one counts every core.
            request(3, "DELETE", "/api/v1/instances/mover", token, null);
            await().atMost(DEADLINE).until(() -> instance(3, token, "mover") == null);
        }
    }

    @Test
    public void theClusterRouteShowsEveryNodeAndHost() {
        String token = adminToken(2);
        JsonNode cluster = json(request(2, "GET", "/api/v1/cluster", token, null));
        assertThat(cluster.path("nodes")).hasSize(NODES);
        assertThat(cluster.path("hosts")).hasSize(NODES);
        for (JsonNode host : cluster.path("hosts")) {
            assertThat(host.path("state").asText()).isEqualTo("online");
            assertThat(host.path("owner").asText()).isEqualTo("node-" + host.path("name").asText().substring(4));
            assertThat(host.path("capacity").path("cpu").asLong()).isPositive();
        }
        for (JsonNode node : cluster.path("nodes")) {
            assertThat(node.path("hosts")).hasSize(1);
        }
        JsonNode health = json(request(3, "GET", "/api/v1/health", null, null));
        assertThat(health.path("cluster").path("members").asInt()).isEqualTo(NODES);
    }

    @Test
    public void theApiDocumentAndTheServedOpenApiDocumentNameTheSameRoutes() {
        Set<String> documented = ApiRoutes.documented(Path.of(System.getProperty("axion.repo.dir", ".."),
                "docs", "API.md"));
        JsonNode openApi = json(request(1, "GET", "/api/v1/openapi.json", adminToken(1), null));
        Set<String> served = ApiRoutes.described(openApi);
        assertThat(served).as("served but missing from docs/API.md").isSubsetOf(documented);
        assertThat(documented).as("in docs/API.md but not served").isSubsetOf(served);
    }

    private static JsonNode instance(int node, String token, String name) {
        HttpResponse<String> response = request(node, "GET", "/api/v1/instances/" + name, token, null);
        return response.statusCode() == 200 ? json(response) : null;
    }

    private static List<String> names(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(i -> i.path("name").asText()).toList();
    }

    private static void finish(String token, HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode done = awaitJob(1, token, json(accepted).path("id").asText());
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("COMPLETED");
    }
}
