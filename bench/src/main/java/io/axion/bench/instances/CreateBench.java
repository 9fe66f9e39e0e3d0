package io.axion.bench.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.bench.AxionProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Creating through Axion against creating straight through LXD's REST API, in the same run and the same LXD
 * project: N busybox instances to Running, C at a time. Through Axion: {@code POST /api/v1/instances} and its job
 * polled every 10 ms until COMPLETED. Through LXD: {@code POST /1.0/instances}, its operation waited for, then
 * {@code PUT .../state start} and its operation. Rounds alternate between the two so that a slower LXD at some
 * moment weighs on both alike; each batch is deleted before the next.
 * <p>
 * Target (issue 18): Axion's batch time ≤ 1.15 × LXD's.
 */
public final class CreateBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final LxdSocket lxd;
    private final String project;
    private String baseUrl;
    private String token;
    /** Where a create through Axion spends its time, summed over the timed rounds: see {@link Phases}. */
    private final Phases axionPhases = new Phases("Axion", "POST answered", "queued", "job ran", "job seen done");
    private final Phases lxdPhases = new Phases("LXD", "create", "start");
    private volatile boolean timed;
    /**
     * What Axion asked LXD for (profiles, devices, config keys other than LXD's own {@code volatile.*} and
     * {@code image.*}), read back from an instance Axion made in the warm-up: the straight batches create exactly
     * that, so both sides pay for the same NIC (a veth on Axion's bridge) and the same limits.
     */
    private volatile ObjectNode lxdTemplate;

    private CreateBench(LxdSocket lxd, String project) {
        this.lxd = lxd;
        this.project = project;
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.creates", 20);
        int concurrency = Integer.getInteger("bench.concurrency", 4);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path distribution = Path.of(System.getProperty("bench.distribution"));
        Path workDir = Path.of(System.getProperty("bench.dir", "target/bench-create"));
        String project = "axion-bench-" + UUID.randomUUID().toString().substring(0, 8);
        CreateBench bench = new CreateBench(new LxdSocket(Path.of(System.getProperty("bench.lxdSocket",
                "/var/lib/lxd/unix.socket"))), project);
        System.out.printf("Create bench: %d busybox creates to Running, %d at a time, %d rounds each way, LXD project "
                + "%s%n", count, concurrency, rounds, project);
        // A finished create keeps its quota reservation for a grace period (until the view surely shows it), and
        // each batch is deleted right away: room for several batches' reservations at once.
        AxionProcess axion = AxionProcess.start(distribution, workDir, project,
                Map.of("AXION_CPU_OVERCOMMIT", Integer.toString(Math.max(1, count * 10))));
        try {
            bench.baseUrl = axion.baseUrl();
            axion.awaitHealthy(bench.http, Duration.ofMinutes(3));
            bench.token = axion.adminToken(bench.http);
            bench.run(count, concurrency, rounds);
        } finally {
            bench.deleteAll();
            try {
                AxionProcess.run(List.of("lxc", "project", "delete", project), Path.of("."));
            } catch (Exception e) {
                System.out.println("project " + project + " was not deleted: " + e.getMessage());
            }
            axion.close();
        }
    }

    private void run(int count, int concurrency, int rounds) throws Exception {
        // One untimed batch each way: LXD's image unpack cache, Axion's JIT.
        batch("warm-a", count / 2, concurrency, true);
        batch("warm-l", count / 2, concurrency, false);
        long[] viaAxion = new long[rounds];
        long[] viaLxd = new long[rounds];
        timed = true;
        for (int round = 0; round < rounds; round++) {
            viaAxion[round] = batch("a" + round, count, concurrency, true);
            viaLxd[round] = batch("l" + round, count, concurrency, false);
            System.out.printf("  round %d: Axion %.2f s, LXD %.2f s (%.2f×)%n", round + 1, viaAxion[round] / 1e9,
                    viaLxd[round] / 1e9, (double) viaAxion[round] / viaLxd[round]);
        }
        Arrays.sort(viaAxion);
        Arrays.sort(viaLxd);
        double axionMedian = viaAxion[rounds / 2] / 1e9;
        double lxdMedian = viaLxd[rounds / 2] / 1e9;
        double ratio = axionMedian / lxdMedian;
        System.out.println();
        axionPhases.print();
        lxdPhases.print();
        System.out.printf("%d creates to Running, %d at a time: through Axion median %.2f s (%.0f ms each), straight "
                + "through LXD median %.2f s (%.0f ms each): %.2f× (target ≤ 1.15×: %s)%n", count, concurrency,
                axionMedian, axionMedian * 1000 * concurrency / count, lxdMedian,
                lxdMedian * 1000 * concurrency / count, ratio, ratio <= 1.15 ? "met" : "NOT met");
    }

    /** Creates {@code count} running instances named {@code prefix-N}, then deletes them; returns the creating time. */
    private long batch(String prefix, int count, int concurrency, boolean throughAxion) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long elapsed;
        try {
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String name = prefix + "-" + i;
                done.add(pool.submit(() -> {
                    if (throughAxion) {
                        createThroughAxion(name);
                    } else {
                        createThroughLxd(name);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
            elapsed = System.nanoTime() - start;
            if (throughAxion && lxdTemplate == null) {
                lxdTemplate = templateFrom(prefix + "-0");
            }
        } finally {
            pool.shutdownNow();
        }
        deleteAll();
        return elapsed;
    }

    private void createThroughAxion(String name) throws Exception {
        long posted = System.nanoTime();
        HttpResponse<String> accepted = send("POST", "/api/v1/instances", JSON.writeValueAsString(Map.of(
                "name", name, "image", "axion/busybox", "cpu", 1, "memoryMiB", 32)));
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("create " + name + ": " + accepted.statusCode() + " " + accepted.body());
        }
        long answered = System.nanoTime();
        String job = JSON.readTree(accepted.body()).path("id").asText();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode state = JSON.readTree(send("GET", "/api/v1/jobs/" + job, null).body());
            switch (state.path("state").asText()) {
                case "COMPLETED" -> {
                    if (timed) {
                        long seen = System.nanoTime();
                        // The job's own times (the server's clock) split the middle; the client's split the ends.
                        long queued = millisBetween(state, "createdAt", "startedAt");
                        long ran = millisBetween(state, "startedAt", "finishedAt");
                        long total = (seen - posted) / 1_000_000;
                        long post = (answered - posted) / 1_000_000;
                        axionPhases.add(post, queued, ran, total - post - queued - ran);
                    }
                    return;
                }
                case "FAILED" -> throw new IllegalStateException("create " + name + " failed: " + state);
                default -> TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        throw new IllegalStateException("create " + name + " did not finish in 5 minutes");
    }

    /** The instance definition Axion sent for {@code name}, as LXD keeps it; printed so that a reader can compare. */
    private ObjectNode templateFrom(String name) throws Exception {
        JsonNode made = JSON.readTree(lxd.request("GET", "/1.0/instances/" + name + "?project=" + project, null))
                .path("metadata");
        ObjectNode template = JSON.createObjectNode();
        template.put("type", "container");
        template.set("source", JSON.createObjectNode().put("type", "image").put("alias", "axion/busybox"));
        template.set("profiles", made.path("profiles"));
        template.set("devices", made.path("devices"));
        ObjectNode config = template.putObject("config");
        made.path("config").fields().forEachRemaining(key -> {
            if (!key.getKey().startsWith("volatile.") && !key.getKey().startsWith("image.")) {
                config.set(key.getKey(), key.getValue());
            }
        });
        System.out.println("  Axion's create as LXD keeps it (profiles, devices, config): " + made.path("profiles") + " "
                + made.path("devices") + " " + made.path("config"));
        System.out.println("  the straight batches create:                              " + template);
        return template;
    }

    private void createThroughLxd(String name) throws Exception {
        ObjectNode definition = lxdTemplate.deepCopy();
        definition.put("name", name);
        String body = JSON.writeValueAsString(definition);
        long begun = System.nanoTime();
        waitFor(lxd.request("POST", "/1.0/instances?project=" + project, body));
        long created = System.nanoTime();
        waitFor(lxd.request("PUT", "/1.0/instances/" + name + "/state?project=" + project,
                "{\"action\":\"start\",\"timeout\":30}"));
        if (timed) {
            lxdPhases.add((created - begun) / 1_000_000, (System.nanoTime() - created) / 1_000_000);
        }
    }

    private static long millisBetween(JsonNode job, String from, String to) {
        return Duration.between(Instant.parse(job.path(from).asText()), Instant.parse(job.path(to).asText())).toMillis();
    }

    /** Mean milliseconds per create in each phase. */
    private static final class Phases {
        private final String what;
        private final String[] names;
        private final AtomicLongArray sums;
        private final AtomicLong count = new AtomicLong();

        Phases(String what, String... names) {
            this.what = what;
            this.names = names;
            this.sums = new AtomicLongArray(names.length);
        }

        void add(long... millis) {
            for (int i = 0; i < millis.length; i++) {
                sums.addAndGet(i, millis[i]);
            }
            count.incrementAndGet();
        }

        void print() {
            StringBuilder line = new StringBuilder("  per create through " + what + ", mean:");
            for (int i = 0; i < names.length; i++) {
                line.append(String.format(" %s %.0f ms%s", names[i], (double) sums.get(i) / Math.max(1, count.get()),
                        i + 1 < names.length ? "," : ""));
            }
            System.out.println(line);
        }
    }

    private void waitFor(String asyncAnswer) throws Exception {
        String operation = JSON.readTree(asyncAnswer).path("operation").asText();
        JsonNode done = JSON.readTree(lxd.request("GET", operation + "/wait?timeout=120&project=" + project, null));
        if (done.path("metadata").path("status_code").asInt() != 200) {
            throw new IllegalStateException("LXD operation failed: " + done.path("metadata").path("err").asText());
        }
    }

    /** Deletes every instance of the project straight through LXD, 8 at a time. */
    private void deleteAll() throws Exception {
        JsonNode urls = JSON.readTree(lxd.request("GET", "/1.0/instances?project=" + project, null)).path("metadata");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> deletions = new ArrayList<>();
            for (JsonNode url : urls) {
                String path = url.asText().replaceFirst("\\?.*$", "");
                String name = path.substring(path.lastIndexOf('/') + 1);
                deletions.add(pool.submit(() -> {
                    AxionProcess.run(List.of("lxc", "--project", project, "delete", "--force", name), Path.of("."));
                    return null;
                }));
            }
            for (Future<?> deletion : deletions) {
                deletion.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        // Axion's view follows LXD's events; wait until it lists none, so the next batch starts from the same state.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && JSON.readTree(send("GET", "/api/v1/instances", null).body()).size() > 0) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
