package io.axion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built distribution unpacked into a folder of its own and started with {@code bin/start} on free ports, in a
 * Hazelcast cluster and an LXD project of its own; stopped with {@code bin/stop}.
 */
public final class AxionProcess implements AutoCloseable {
    private final Path home;
    private final int httpPort;
    private final Map<String, String> environment;

    private AxionProcess(Path home, int httpPort, Map<String, String> environment) {
        this.home = home;
        this.httpPort = httpPort;
        this.environment = environment;
    }

    /**
     * @param distribution the {@code axion-distribution-*.tar.gz}
     * @param workDir      emptied, then the distribution is unpacked there
     */
    public static AxionProcess start(Path distribution, Path workDir, String lxdProject, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        run(List.of("tar", "xzf", distribution.toString(), "-C", workDir.toString(), "--strip-components=1"), workDir);
        // Every port off the defaults that a running Axion (or a test) may hold.
        int httpPort = freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "AXION_HTTP_PORT", Integer.toString(httpPort),
                "AXION_CLUSTER_NAME", "bench-" + lxdProject,
                "AXION_CLUSTER_PORT", Integer.toString(freePort()),
                "AXION_SSH_PORT", Integer.toString(freePort()),
                "AXION_JMX_REGISTRY_PORT", Integer.toString(freePort()),
                "AXION_JMX_SERVER_PORT", Integer.toString(freePort()),
                "AXION_LXD_PROJECT", lxdProject));
        env.putAll(extraEnv);
        AxionProcess axion = new AxionProcess(workDir, httpPort, env);
        ProcessBuilder builder = new ProcessBuilder(workDir.resolve("bin/start").toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("start.out").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("bin/start failed, see " + workDir.resolve("start.out"));
        }
        return axion;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String initialAdminPassword() throws IOException {
        return Files.readString(home.resolve("data/initial-admin-password")).trim();
    }

    /** Waits until the health route answers 200 with LXD reachable. */
    public void awaitHealthy(HttpClient http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/health"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"reachable\":true")) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("Axion did not become healthy within " + timeout);
    }

    /** A token for the first admin, retried while the auth feature is still starting. */
    public String adminToken(HttpClient http) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String body = "{\"username\":\"admin\",\"password\":\"" + initialAdminPassword() + "\"}";
        while (true) {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() == 200) {
                return new ObjectMapper().readTree(login.body()).path("token").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("login answered " + login.statusCode() + ": " + login.body());
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("stop.out").toFile());
        builder.environment().putAll(environment);
        Process stop = builder.start();
        stop.waitFor(60, TimeUnit.SECONDS);
        // bin/stop returns before the JVM is gone: wait for its pid file's process to end.
        Path pidFile = home.resolve("karaf.pid");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Files.exists(pidFile) && System.nanoTime() < deadline) {
            String pid = Files.readString(pidFile).trim();
            if (pid.isEmpty() || ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    public static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        // stdin from /dev/null: lxc reads a config from a stdin that is not a terminal and would wait on a pipe.
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
