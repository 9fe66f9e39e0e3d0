package io.axion.bench.auth;

import io.axion.bench.AxionProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * How long {@code POST /api/v1/auth/login} takes for the right password, a wrong password and a user that does not
 * exist, against the built distribution: a failure must take as long as a success, so that timing tells an
 * attacker nothing (issue 6). The three kinds are interleaved in a shuffled order; a success between failures
 * keeps the throttle's deliberate slow-down out of the figures.
 */
public final class LoginTimingBench {
    private static final String[] KINDS = {"right password", "wrong password", "unknown user"};

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminPassword;

    private LoginTimingBench(String baseUrl, String adminPassword) {
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 200);
        int warmup = Integer.getInteger("bench.warmup", 30);
        Path distribution = Path.of(System.getProperty("bench.distribution"));
        Path workDir = Path.of(System.getProperty("bench.dir", "target/bench-auth"));
        String project = "axion-bench-" + UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("Login timing bench: %d logins of each kind after %d warm-up rounds%n", rounds, warmup);
        AxionProcess axion = AxionProcess.start(distribution, workDir, project, Map.of());
        try {
            LoginTimingBench bench = new LoginTimingBench(axion.baseUrl(), axion.initialAdminPassword());
            axion.awaitHealthy(bench.http, Duration.ofMinutes(3));
            axion.adminToken(bench.http); // waits until the auth feature answers
            bench.measure(rounds, warmup);
        } finally {
            axion.close();
            try {
                AxionProcess.run(List.of("lxc", "project", "delete", project), Path.of("."));
            } catch (Exception e) {
                System.out.println("LXD project " + project + " left for scripts/clean-test-projects.sh: " + e);
            }
        }
    }

    private void measure(int rounds, int warmup) throws Exception {
        for (int i = 0; i < warmup; i++) {
            for (int kind = 0; kind < KINDS.length; kind++) {
                login(kind, i);
            }
        }
        Map<String, long[]> nanos = new LinkedHashMap<>();
        for (String kind : KINDS) {
            nanos.put(kind, new long[rounds]);
        }
        Random random = new Random(6);
        for (int round = 0; round < rounds; round++) {
            // The two failures in a random order, then the success, which clears their counts for the next round.
            int[] run = random.nextBoolean() ? new int[] {1, 2, 0} : new int[] {2, 1, 0};
            for (int kind : run) {
                nanos.get(KINDS[kind])[round] = login(kind, round);
            }
        }
        double rightMedian = 0;
        System.out.printf("%-16s %9s %9s %9s%n", "login", "p50 ms", "p90 ms", "p99 ms");
        for (Map.Entry<String, long[]> entry : nanos.entrySet()) {
            long[] sorted = entry.getValue().clone();
            Arrays.sort(sorted);
            double p50 = percentile(sorted, 0.50);
            if (entry.getKey().equals(KINDS[0])) {
                rightMedian = p50;
            }
            System.out.printf("%-16s %9.1f %9.1f %9.1f%n", entry.getKey(), p50, percentile(sorted, 0.90),
                    percentile(sorted, 0.99));
        }
        for (int kind = 1; kind < KINDS.length; kind++) {
            long[] sorted = nanos.get(KINDS[kind]).clone();
            Arrays.sort(sorted);
            System.out.printf("%s / right password, medians: %.2f%n", KINDS[kind], percentile(sorted, 0.5) / rightMedian);
        }
    }

    /** One login of the given kind; returns its time in ns after checking the status it must have. */
    private long login(int kind, int round) throws Exception {
        String username = kind == 2 ? "nobody-" + round : "admin";
        String password = kind == 0 ? adminPassword : "wrong-password-" + round;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - started;
        int expected = kind == 0 ? 200 : 401;
        if (response.statusCode() != expected) {
            throw new IllegalStateException(KINDS[kind] + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return took;
    }

    private static double percentile(long[] sorted, double p) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
