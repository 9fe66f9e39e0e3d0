package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Nodes die and restart under work (issue 14's acceptance): after kill -9 of a node a survivor owns its host within
 * 10 s and every job ends exactly once; a rolling restart loses no job; stopping every node and starting them again
 * keeps everything. In this order, on one cluster.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ClusterFailoverIT extends ClusterTestSupport {

    @Test
    public void a_killingANodeUnderThirtyJobsLosesNothingAndItsHostIsOwnedAgainWithinTenSeconds() throws Exception {
        String token = adminToken(1);
        HttpResponse<String> user = request(1, "POST", "/api/v1/users", token,
                Map.of("username", "before-kill", "password", "survives-1234", "role", "viewer"));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);

        List<JsonNode> jobs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int node = 1 + i % 2; // admitted by the survivors, queued for every host
            String host = host(1 + i % NODES);
            HttpResponse<String> accepted = request(node, "POST", "/api/v1/instances", adminToken(node),
                    Map.of("name", "fo-" + i, "image", IMAGE, "cpu", 1, "memoryMiB", 64, "host", host));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            jobs.add(json(accepted));
        }
        kill(3);
        long killedAt = System.nanoTime();

        JsonNode owned = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> hostInfo(1, token, host(3)),
                        h -> h != null && "online".equals(h.path("state").asText())
                                && (nodeName(1).equals(h.path("owner").asText())
                                || nodeName(2).equals(h.path("owner").asText())));
        Duration takeOver = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(takeOver).isLessThan(Duration.ofSeconds(10));
        assertThat(owned.path("state").asText()).isEqualTo("online");

        Set<String> completed = new HashSet<>();
        for (JsonNode job : jobs) {
            JsonNode done = awaitJob(1, token, job.path("id").asText());
            String state = done.path("state").asText();
            assertThat(state).as(done.toString()).isIn("COMPLETED", "FAILED");
            if (state.equals("COMPLETED")) {
                completed.add(done.path("instance").asText());
            } else {
                assertThat(done.path("error").asText()).as("a failed job names its cause").isNotBlank();
            }
        }
        // LXD matches the jobs' results: exactly the completed creates exist, each once.
        Set<String> inLxd = new HashSet<>();
        for (int node = 1; node <= NODES; node++) {
            for (String name : lxdInstances(node)) {
                if (name.startsWith("fo-")) {
                    assertThat(inLxd.add(name)).as("%s exists on one host only", name).isTrue();
                }
            }
        }
        assertThat(inLxd).isEqualTo(completed);
        assertThat(completed).hasSizeGreaterThanOrEqualTo(28);
        // No acknowledged write is lost.
        assertThat(login(2, "before-kill", "survives-1234")).isNotBlank();
        JsonNode audit = json(request(2, "GET", "/api/v1/audit?limit=1000", adminToken(2), null));
        assertThat(audit.toString()).contains("before-kill");
        System.out.printf("host %s owned again %d ms after kill -9%n", host(3), takeOver.toMillis());
    }

    @Test
    public void b_theKilledNodeComesBackAndGetsItsHostBack() {
        restart(3);
        String token = adminToken(3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> nodeName(3).equals(hostInfo(3, token, host(3)).path("owner").asText()));
        assertThat(names(json(request(3, "GET", "/api/v1/instances?host=" + host(3), token, null)))).isNotEmpty();
    }

    @Test
    public void c_aRollingRestartLosesNoJobAndSomeNodeAlwaysAnswers() throws Exception {
        AnyNodeProbe probe = new AnyNodeProbe();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
        prober.scheduleWithFixedDelay(probe, 0, 100, TimeUnit.MILLISECONDS);
        List<String> jobIds = new ArrayList<>();
        try {
            for (int node = 1; node <= NODES; node++) {
                int other = node == 1 ? 2 : 1;
                String token = adminToken(other);
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> accepted = request(other, "POST", "/api/v1/instances", token,
                            Map.of("name", "roll-" + node + "-" + i, "image", IMAGE, "cpu", 1, "memoryMiB", 64,
                                    "start", false, "host", host(node)));
                    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                    jobIds.add(json(accepted).path("id").asText());
                }
                stop(node);
                restart(node);
            }
        } finally {
            prober.shutdownNow();
            prober.awaitTermination(30, TimeUnit.SECONDS);
        }
        String token = adminToken(1);
        for (String id : jobIds) {
            assertThat(awaitJob(1, token, id).path("state").asText()).isEqualTo("COMPLETED");
        }
        assertThat(Duration.ofNanos(probe.longestOutage.get())).as("no moment without any node answering")
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    public void d_stoppingEveryNodeAndStartingThemAgainKeepsEverything() {
        String token = adminToken(1);
        List<String> before = names(json(request(1, "GET", "/api/v1/instances", token, null)));
        int jobsBefore = json(request(1, "GET", "/api/v1/jobs?limit=1000", token, null)).size();
        cluster("down");
        cluster("up", Integer.toString(NODES));
        String again = adminToken(2);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                names(json(request(2, "GET", "/api/v1/instances", again, null)))).containsAll(before));
        assertThat(json(request(3, "GET", "/api/v1/jobs?limit=1000", adminToken(3), null)).size())
                .isGreaterThanOrEqualTo(jobsBefore);
        assertThat(login(1, "before-kill", "survives-1234")).isNotBlank();
    }

    private static JsonNode hostInfo(int node, String token, String host) {
        for (JsonNode h : json(request(node, "GET", "/api/v1/cluster", token, null)).path("hosts")) {
            if (host.equals(h.path("name").asText())) {
                return h;
            }
        }
        return null;
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(i -> names.add(i.path("name").asText()));
        return names;
    }

    /** Asks the nodes in turn until one lists the instances; remembers the longest time none did. */
    private static final class AnyNodeProbe implements Runnable {
        final AtomicLong longestOutage = new AtomicLong();
        private final String[] tokens = new String[NODES + 1];
        private long outageStart;

        @Override
        public void run() {
            boolean answered = false;
            for (int node = 1; node <= NODES && !answered; node++) {
                try {
                    if (tokens[node] == null) {
                        tokens[node] = adminToken(node);
                    }
                    answered = request(node, "GET", "/api/v1/instances", tokens[node], null).statusCode() == 200;
                } catch (RuntimeException e) {
                    tokens[node] = null;
                }
            }
            long now = System.nanoTime();
            if (answered) {
                if (outageStart != 0) {
                    longestOutage.accumulateAndGet(now - outageStart, Math::max);
                }
                outageStart = 0;
            } else if (outageStart == 0) {
                outageStart = now;
            }
        }
    }
}
