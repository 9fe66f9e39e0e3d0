package io.axion.itests;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.AfterClass;
import org.junit.BeforeClass;

/**
 * The multi-node variant of {@link KarafTestSupport}: three real Axion nodes started from the built distribution by
 * {@code scripts/cluster.sh} (each its own JVM, ports and data folder, each owning one LXD project of the local
 * daemon as its host {@code lxd-N}, all sharing one PostgreSQL database of this run), driven over HTTP from the test
 * JVM, so that a test can kill -9 any node. Everything the run made is deleted afterwards.
 */
public abstract class ClusterTestSupport {
    protected static final int NODES = 3;
    protected static final Duration DEADLINE = Duration.ofSeconds(60);
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String IMAGE = "axion/busybox";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Map<String, String> environment;
    private static String runId;
    private static int httpBase;
    private static int sshBase;

    @BeforeClass
    public static void startCluster() {
        startNodes(NODES);
    }

    /**
     * Starts {@code count} nodes; a test class that needs fewer declares its own {@code @BeforeClass static void
     * startCluster()} (JUnit runs a shadowed one of the superclass no more) that calls this.
     */
    protected static void startNodes(int count) {
        try {
            startNodesOnce(count);
        } catch (IllegalStateException firstBoot) {
            // Known defect, not hidden: now and then a node's very first Karaf boot stops after the boot features'
            // refresh (pax-logging restarted, nothing logged after) and never answers ready; a second boot in fresh
            // folders came up each time it was seen here. Printed so that every occurrence shows in the test output.
            System.err.println("CLUSTER FIRST BOOT FAILED, starting a fresh cluster once more:\n" + firstBoot.getMessage());
            deleteCluster();
            startNodesOnce(count);
        }
    }

    private static void startNodesOnce(int count) {
        runId = UUID.randomUUID().toString().substring(0, 8);
        int[] bases = freeRanges(5);
        httpBase = bases[0];
        sshBase = bases[2];
        environment = new HashMap<>();
        environment.put("AXION_CLUSTER_DIR", System.getProperty("axion.itest.dir", "target/exam") + "/cluster-" + runId);
        environment.put("AXION_CLUSTER_DB", "axion_it_" + runId);
        environment.put("AXION_CLUSTER_NAME", "it-" + runId);
        environment.put("PROJECT_PREFIX", "axion-it-" + runId);
        environment.put("HTTP_BASE", Integer.toString(bases[0]));
        environment.put("HZ_BASE", Integer.toString(bases[1]));
        environment.put("SSH_BASE", Integer.toString(bases[2]));
        environment.put("JMX_BASE", Integer.toString(bases[3]));
        environment.put("JMX_SERVER_BASE", Integer.toString(bases[4]));
        environment.put("AXION_ADMIN_PASSWORD", "it-admin-" + runId);
        environment.put("READY_SECONDS", "180");
        // Every request comes from 127.0.0.1: a test that locks one username must not lock the address for all.
        environment.put("AXION_LOGIN_MAX_FAILURES_PER_ADDRESS", "1000");
        // Three hosts that are projects of one 2-core machine: overcommit so that quotas, not cores, decide.
        environment.put("AXION_CPU_OVERCOMMIT", "16");
        try {
            cluster("up", Integer.toString(count));
        } catch (IllegalStateException e) {
            // The folders go with the clean-up: keep what the nodes said in the failure.
            StringBuilder logs = new StringBuilder(e.getMessage());
            for (int node = 1; node <= count; node++) {
                logs.append("\n--- node ").append(node).append(" ---\n").append(logOf(node));
            }
            throw new IllegalStateException(logs.toString(), e);
        }
    }

    @AfterClass
    public static void deleteCluster() {
        if (environment != null) {
            cluster("clean");
            environment = null;
        }
    }

    /** Runs {@code scripts/cluster.sh} with this run's settings; fails the test when it fails. */
    protected static String cluster(String... args) {
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("axion.repo.dir", ".."), "scripts/cluster.sh").getAbsolutePath());
        command.addAll(List.of(args));
        return Commands.run(command, environment, Duration.ofMinutes(10));
    }

    /** kill -9 of node {@code n}'s JVM. */
    protected static void kill(int node) {
        cluster("kill", Integer.toString(node));
    }

    /** Starts node {@code n} again (same folder, settings and data) and waits until it answers ready. */
    protected static void restart(int node) {
        try {
            cluster("start", Integer.toString(node));
        } catch (IllegalStateException e) {
            // The folders go with the clean-up: keep what the node said in the failure.
            throw new IllegalStateException(e.getMessage() + "\n--- node " + node + " ---\n" + logOf(node), e);
        }
    }

    protected static void stop(int node) {
        cluster("stop", Integer.toString(node));
    }

    protected static String url(int node) {
        return "http://127.0.0.1:" + (httpBase + node);
    }

    /** Node {@code n}'s Karaf shell over SSH (log in as admin with {@link #adminPassword()}). */
    protected static int sshPort(int node) {
        return sshBase + node;
    }

    protected static String adminPassword() {
        return environment.get("AXION_ADMIN_PASSWORD");
    }

    protected static String wsUrl(int node) {
        return "ws://127.0.0.1:" + (httpBase + node);
    }

    /** The LXD project that is node {@code n}'s host {@code lxd-n}. */
    protected static String project(int node) {
        return "axion-it-" + runId + "-" + node;
    }

    protected static String host(int node) {
        return "lxd-" + node;
    }

    protected static String nodeName(int node) {
        return "node-" + node;
    }

    protected static String databaseName() {
        return "axion_it_" + runId;
    }

    protected static HttpResponse<String> request(int node, String method, String path, String token, Object body) {
        try {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(node) + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                builder.header("Content-Type", "application/json");
            }
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on node " + node + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    protected static String login(int node, String username, String password) {
        HttpResponse<String> login = request(node, "POST", "/api/v1/auth/login", null,
                Map.of("username", username, "password", password));
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login on node " + node + ": " + login.statusCode() + " " + login.body());
        }
        return json(login).path("token").asText();
    }

    protected static String adminToken(int node) {
        return login(node, "admin", environment.get("AXION_ADMIN_PASSWORD"));
    }

    /** Waits until a job, asked on {@code node}, has finished, and returns it. */
    protected static JsonNode awaitJob(int node, String token, String id) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> json(request(node, "GET", "/api/v1/jobs/" + id, token, null)),
                        job -> job.path("state").asText().equals("COMPLETED")
                                || job.path("state").asText().equals("FAILED"));
    }

    /** Runs {@code lxc} in node {@code n}'s host project. */
    protected static String lxc(int node, String... args) {
        List<String> command = new ArrayList<>(List.of("lxc", "--project", project(node)));
        command.addAll(List.of(args));
        return Commands.run(command);
    }

    /** The instance names LXD has in node {@code n}'s host project. */
    protected static List<String> lxdInstances(int node) {
        return lxc(node, "list", "--format", "csv", "-c", "n").lines().filter(l -> !l.isBlank()).toList();
    }

    /** Node {@code n}'s data folder. */
    protected static Path dataDir(int node) {
        return Path.of(environment.get("AXION_CLUSTER_DIR"), "node-" + node, "data");
    }

    /** The directory backup target every node of the cluster shares (scripts/cluster.sh sets it). */
    protected static Path backupDirectory() {
        return Path.of(environment.get("AXION_CLUSTER_DIR"), "backups");
    }

    /** What the node's log says, for a failure's message. */
    protected static String logOf(int node) {
        Path log = Path.of(environment.get("AXION_CLUSTER_DIR"), "node-" + node, "data", "log", "karaf.log");
        try {
            List<String> lines = Files.readAllLines(log);
            int tail = Math.max(0, lines.size() - 80);
            // The cause is often long before the end: earlier warnings and errors first, then the last lines.
            List<String> earlier = lines.subList(0, tail).stream()
                    .filter(l -> l.contains("| WARN ") || l.contains("| ERROR ")).limit(40).toList();
            return String.join("\n", earlier) + "\n...\n" + String.join("\n", lines.subList(tail, lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code count} bases, each with the {@link #NODES} ports above it free. */
    private static int[] freeRanges(int count) {
        int[] bases = new int[count];
        for (int i = 0; i < count; i++) {
            bases[i] = freeRange();
        }
        return bases;
    }

    private static int freeRange() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int port = base + 1; port <= base + NODES && free; port++) {
                try (ServerSocket socket = new ServerSocket(port)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }
}
