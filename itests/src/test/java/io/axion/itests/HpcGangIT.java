package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.Test;

/**
 * Gangs across three real nodes, each owning one LXD project of this 2-core machine as its host: six dedicated
 * 1-core members fill the three hosts exactly. With one core pinned elsewhere there is room for five, so the gang
 * is refused (nothing created in any project) or, with {@code queue: true}, waits; deleting the blocker lets it
 * start by itself, two members per host; a batch run of {@code hostname} answers with each member's name; a run
 * whose node is killed fails with the cause {@code node lost}; deleting the gang removes every member.
 */
public class HpcGangIT extends ClusterTestSupport {
    private static final Duration GANG_DEADLINE = Duration.ofMinutes(3);
    private static final String GANG = "hg";
    private static final int MEMBERS = 6;

    @Test
    public void aGangOfSixAcrossThreeHostsIsAllOrNothingRunsHostnameEverywhereAndGoesWhole() throws Exception {
        installFeatureEverywhere("axion-hpc-scheduler");
        String token = adminToken(1);
        for (int node = 1; node <= NODES; node++) {
            int n = node;
            await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> assertThat(
                    request(n, "GET", "/api/v1/gangs", token, null).statusCode()).isEqualTo(200));
        }

        // A dedicated core pinned on one host: five left for six members.
        HttpResponse<String> blocker = request(1, "POST", "/api/v1/instances", token, Map.of("name", "hg-blocker",
                "image", IMAGE, "cpu", 1, "memoryMiB", 64, "cpuPolicy", "dedicated"));
        assertThat(blocker.statusCode()).as(blocker.body()).isEqualTo(202);
        assertThat(awaitJob(1, token, json(blocker).path("id").asText()).path("state").asText()).isEqualTo("COMPLETED");

        HttpResponse<String> refused = request(2, "POST", "/api/v1/gangs", token, gang(false));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertNothingOfTheGangInLxd();
        assertThat(json(request(1, "GET", "/api/v1/hpc/pins", token, null)).size()).isEqualTo(1);
        assertThat(request(1, "GET", "/api/v1/gangs/" + GANG, token, null).statusCode()).isEqualTo(404);
        // Bad input: 422 and nothing changes.
        assertThat(request(1, "POST", "/api/v1/gangs", token, Map.of("name", GANG, "count", 0,
                "template", Map.of("image", IMAGE, "cpu", 1, "memoryMiB", 64))).statusCode()).isEqualTo(422);
        assertThat(request(1, "POST", "/api/v1/gangs", token, Map.of("name", GANG, "count", 2, "spread", "wide",
                "template", Map.of("image", IMAGE, "cpu", 1, "memoryMiB", 64))).statusCode()).isEqualTo(422);

        HttpResponse<String> queued = request(3, "POST", "/api/v1/gangs", token, gang(true));
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        assertThat(json(queued).path("state").asText()).isEqualTo("queued");
        assertNothingOfTheGangInLxd();

        String blockerHost = json(request(1, "GET", "/api/v1/instances/hg-blocker", token, null)).path("host").asText();
        JsonNode deleted = json(request(1, "DELETE", "/api/v1/instances/hg-blocker", token, null));
        assertThat(awaitJob(1, token, deleted.path("id").asText()).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(blockerHost).startsWith("lxd-");

        JsonNode running = await().atMost(GANG_DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> json(request(2, "GET", "/api/v1/gangs/" + GANG, token, null)),
                        g -> !g.path("state").asText().equals("queued") && !g.path("state").asText().equals("creating"));
        assertThat(running.path("state").asText()).as(running.toString()).isEqualTo("running");
        assertThat(running.path("members").size()).isEqualTo(MEMBERS);
        Map<String, Integer> perHost = new HashMap<>();
        Map<String, Set<String>> cpusPerHost = new HashMap<>();
        for (JsonNode member : running.path("members")) {
            perHost.merge(member.path("host").asText(), 1, Integer::sum);
            assertThat(cpusPerHost.computeIfAbsent(member.path("host").asText(), h -> new HashSet<>())
                    .add(member.path("cpus").asText())).as("disjoint cores: " + running).isTrue();
        }
        assertThat(perHost).isEqualTo(Map.of(host(1), 2, host(2), 2, host(3), 2));
        for (int node = 1; node <= NODES; node++) {
            assertThat(lxdInstances(node).stream().filter(n -> n.startsWith(GANG + "-"))).hasSize(2);
        }

        HttpResponse<String> started = request(1, "POST", "/api/v1/gangs/" + GANG + "/runs", token,
                Map.of("command", List.of("hostname"), "timeoutSeconds", 30));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = json(started).path("id").asText();
        JsonNode run = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> json(request(3, "GET", "/api/v1/gangs/" + GANG + "/runs/" + runId, token, null)),
                        r -> !r.path("state").asText().equals("running"));
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("succeeded");
        List<String> outputs = new ArrayList<>();
        for (JsonNode member : run.path("members")) {
            assertThat(member.path("exitCode").asInt(-1)).isZero();
            assertThat(member.path("stdout").asText().trim()).isEqualTo(member.path("name").asText());
            outputs.add(member.path("stdout").asText().trim());
        }
        assertThat(outputs).hasSize(MEMBERS).doesNotHaveDuplicates();
        // The run's stream, from another node than the one running it: a line per member, tagged, then the state.
        RealtimeClients.Events stream = new RealtimeClients.Events();
        RealtimeClients.open(wsUrl(2) + "/ws/gangs/" + GANG + "/runs/" + runId, token, stream);
        assertThat(stream.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1000);
        List<JsonNode> lines = stream.received.stream().map(RealtimeClients.Events.Received::message)
                .filter(m -> m.has("line")).toList();
        assertThat(lines).hasSize(MEMBERS).allMatch(m -> m.path("line").asText().equals(m.path("member").asText()));
        assertThat(stream.received.get(stream.received.size() - 1).message().path("state").asText())
                .isEqualTo("succeeded");
        // The shell: the same gang and an srun-like labelled run.
        assertThat(shell(1, "axion:gang-list")).contains(GANG, "running");
        assertThat(shell(2, "axion:gang-run " + GANG + " hostname")).contains(GANG + "-0: " + GANG + "-0", "succeeded");
        // A failing command fails the run, with its exit code kept.
        HttpResponse<String> failing = request(2, "POST", "/api/v1/gangs/" + GANG + "/runs", token,
                Map.of("command", "exit 3"));
        String failingId = json(failing).path("id").asText();
        JsonNode failed = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> json(request(2, "GET", "/api/v1/gangs/" + GANG + "/runs/" + failingId, token, null)),
                        r -> !r.path("state").asText().equals("running"));
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("members").get(0).path("exitCode").asInt()).isEqualTo(3);

        // A run whose node dies does not stay running: node 1 runs a long command and is killed; Hazelcast tells
        // the others that its member left, and they fail the run with the cause. The gang goes on without node 1.
        HttpResponse<String> longRun = request(1, "POST", "/api/v1/gangs/" + GANG + "/runs", token,
                Map.of("command", "sleep 300", "timeoutSeconds", 600));
        assertThat(longRun.statusCode()).as(longRun.body()).isEqualTo(202);
        String longId = json(longRun).path("id").asText();
        assertThat(json(longRun).path("node").asText()).isEqualTo(nodeName(1));
        kill(1);
        JsonNode lost = await().atMost(GANG_DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> json(request(2, "GET", "/api/v1/gangs/" + GANG + "/runs/" + longId, token, null)),
                        r -> !r.path("state").asText().equals("running"));
        assertThat(lost.path("state").asText()).as(lost.toString()).isEqualTo("failed");
        assertThat(lost.path("cause").asText()).isEqualTo("node lost");
        assertThat(lost.path("members").findValuesAsText("state")).hasSize(MEMBERS).containsOnly("lost");

        HttpResponse<String> deleting = request(3, "DELETE", "/api/v1/gangs/" + GANG, token, null);
        assertThat(deleting.statusCode()).as(deleting.body()).isEqualTo(202);
        await().atMost(GANG_DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() ->
                assertThat(request(2, "GET", "/api/v1/gangs/" + GANG, token, null).statusCode()).isEqualTo(404));
        await().atMost(GANG_DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(
                HpcGangIT::assertNothingOfTheGangInLxd);
        assertThat(json(request(2, "GET", "/api/v1/hpc/pins", token, null)).size()).isZero();
    }

    private static Map<String, Object> gang(boolean queue) {
        return Map.of("name", GANG, "count", MEMBERS, "spread", "host", "queue", queue,
                "template", Map.of("image", IMAGE, "cpu", 1, "memoryMiB", 64, "cpuPolicy", "dedicated"));
    }

    private static void assertNothingOfTheGangInLxd() {
        for (int node = 1; node <= NODES; node++) {
            assertThat(lxdInstances(node)).as("project of node " + node)
                    .noneMatch(name -> name.matches(GANG + "-\\d+"));
        }
    }

    /** {@code feature:install} on every node's Karaf shell. */
    private static void installFeatureEverywhere(String feature) throws IOException {
        for (int node = 1; node <= NODES; node++) {
            shell(node, "feature:install " + feature);
        }
    }

    /** Runs a command in node {@code n}'s Karaf shell over SSH as the admin; its output. */
    private static String shell(int node, String command) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try (ClientSession session = client.connect("admin", "127.0.0.1", sshPort(node)).verify(10_000L)
                .getSession()) {
            session.addPasswordIdentity(adminPassword());
            session.auth().verify(10_000L);
            return session.executeRemoteCommand(command);
        } finally {
            client.stop();
        }
    }
}
