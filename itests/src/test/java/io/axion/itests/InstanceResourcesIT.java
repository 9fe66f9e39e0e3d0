package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Snapshots, port forwards and files of shared/API.md against the real distribution and the real LXD: every route,
 * each success checked in LXD itself, each error case with its status and problem+json.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InstanceResourcesIT extends KarafTestSupport {
    private static final int UPLOAD_CAP = 1 << 20;
    private static final String PROBLEM = "https://axion.dev/problems/";
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    @Configuration
    public Option[] config() {
        return withBaseOptions(
                editConfigurationFilePut("etc/io.axion.files.cfg", "maxUploadBytes", Integer.toString(UPLOAD_CAP)),
                // busybox's init ignores LXD's graceful stop signal: do not wait 30 s for it before forcing.
                editConfigurationFilePut("etc/io.axion.lxd.cfg", "stopTimeoutSeconds", "2"));
    }

    @Before
    public void loginWhenServed() {
        token = adminToken();
        // Snapshots need the job engine, which starts with the cluster: wait until all three areas are served.
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(send("GET", "/api/v1/openapi.json", null).body())
                .contains("/api/v1/instances/{name}/snapshots", "/api/v1/instances/{name}/forwards",
                        "/api/v1/instances/{name}/files"));
    }

    // --- snapshots ------------------------------------------------------------------------------------------------

    @Test
    public void snapshotsAreCreatedListedRestoredAndDeletedThroughJobs() {
        String name = runningBusybox("snap");
        String base = "/api/v1/instances/" + name + "/snapshots";
        lxc("exec", name, "--", "sh", "-c", "echo before > /data.txt");
        assertThat(json(send("GET", base, null)).size()).isZero();

        HttpResponse<String> created = send("POST", base, "{\"name\":\"s1\"}");
        assertThat(created.statusCode()).isEqualTo(202);
        String jobId = json(created).path("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/jobs/" + jobId));
        assertThat(json(created).path("type").asText()).isEqualTo("snapshot.create");
        awaitJobCompleted(jobId);
        assertThat(lxc("info", name)).contains("| s1 ");

        JsonNode listed = json(send("GET", base, null));
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("s1");
        assertThat(listed.get(0).path("stateful").asBoolean(true)).isFalse();
        assertThat(listed.get(0).path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        // Restore rolls back a file written after the snapshot; the running instance runs again afterwards.
        lxc("exec", name, "--", "sh", "-c", "echo after > /data.txt; echo new > /extra.txt");
        HttpResponse<String> restored = send("POST", base + "/s1/restore", null);
        assertThat(restored.statusCode()).isEqualTo(202);
        assertThat(restored.headers().firstValue("Location")).isPresent();
        awaitJobCompleted(json(restored).path("id").asText());
        assertThat(lxc("list", name, "-c", "s", "--format", "csv").trim()).isEqualTo("RUNNING");
        assertThat(lxc("exec", name, "--", "cat", "/data.txt").trim()).isEqualTo("before");
        assertThat(lxc("exec", name, "--", "sh", "-c", "test -e /extra.txt && echo present || echo gone").trim())
                .isEqualTo("gone");
        assertThat(lxc("config", "get", name, "user.axion.restore").trim()).isEmpty();

        HttpResponse<String> deleted = send("DELETE", base + "/s1", null);
        assertThat(deleted.statusCode()).isEqualTo(202);
        awaitJobCompleted(json(deleted).path("id").asText());
        assertThat(lxc("info", name)).doesNotContain("| s1 ");
        assertThat(json(send("GET", base, null)).size()).isZero();
    }

    @Test
    public void snapshotErrorsAreProblemsBeforeAnyJob() {
        String name = runningBusybox("snaperr");
        String base = "/api/v1/instances/" + name + "/snapshots";
        awaitJobCompleted(json(send("POST", base, "{\"name\":\"taken\"}")).path("id").asText());
        int jobsBefore = jobCount(name);

        assertProblem(send("POST", base, "{\"name\":\"taken\"}"), 409, "already-exists");
        assertProblem(send("POST", base, "{\"name\":\"Bad_Name\"}"), 422, "validation");
        assertProblem(send("POST", base, "{\"name\":\"" + "a".repeat(64) + "\"}"), 422, "validation");
        assertProblem(send("POST", base, "{}"), 422, "validation");
        assertProblem(send("POST", base, "{\"name\": 12}"), 422, "validation");
        assertProblem(send("POST", base, "{not json"), 400, "unparseable-body");
        assertProblem(send("POST", base + "/nope/restore", null), 404, "not-found");
        assertProblem(send("DELETE", base + "/nope", null), 404, "not-found");
        assertProblem(send("POST", base + "/Bad_Name/restore", null), 422, "validation");
        assertProblem(send("GET", "/api/v1/instances/ghost/snapshots", null), 404, "not-found");
        assertProblem(send("POST", "/api/v1/instances/ghost/snapshots", "{\"name\":\"s1\"}"), 404, "not-found");
        assertProblem(send("POST", "/api/v1/instances/ghost/snapshots/s1/restore", null), 404, "not-found");
        assertProblem(send("DELETE", "/api/v1/instances/ghost/snapshots/s1", null), 404, "not-found");
        assertThat(jobCount(name)).isEqualTo(jobsBefore);
    }

    // --- port forwards --------------------------------------------------------------------------------------------

    @Test
    public void aForwardServesTheInstancesHttpdOnTheHostAndGoesAwayWhenDeleted() throws Exception {
        String name = runningBusybox("fwd");
        String base = "/api/v1/instances/" + name + "/forwards";
        lxc("exec", name, "--", "sh", "-c",
                "mkdir -p /www && echo hello-from-axion > /www/index.html && httpd -p 127.0.0.1:80 -h /www");
        assertThat(json(send("GET", base, null)).size()).isZero();

        int tcpPort = freePortInRange();
        HttpResponse<String> added = send("POST", base, "{\"hostPort\":" + tcpPort + ",\"containerPort\":80}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added)).isEqualTo(JSON.readTree(
                "{\"hostPort\":" + tcpPort + ",\"containerPort\":80,\"protocol\":\"tcp\",\"sources\":[]}"));
        assertThat(lxc("config", "device", "get", name, "axion-tcp-" + tcpPort, "listen").trim())
                .isEqualTo("tcp:127.0.0.1:" + tcpPort);
        assertThat(lxc("config", "device", "get", name, "axion-tcp-" + tcpPort, "connect").trim())
                .isEqualTo("tcp:127.0.0.1:80");
        await().atMost(DEADLINE).ignoreExceptions()
                .untilAsserted(() -> assertThat(httpGetRaw(tcpPort)).contains("200 OK").contains("hello-from-axion"));

        int udpPort = freePortInRange();
        HttpResponse<String> udp = send("POST", base,
                "{\"hostPort\":" + udpPort + ",\"containerPort\":53,\"protocol\":\"udp\"}");
        assertThat(udp.statusCode()).isEqualTo(201);
        assertThat(json(udp).path("protocol").asText()).isEqualTo("udp");
        assertThat(lxc("config", "device", "get", name, "axion-udp-" + udpPort, "listen").trim())
                .isEqualTo("udp:127.0.0.1:" + udpPort);

        JsonNode listed = json(send("GET", base, null));
        assertThat(listed.size()).isEqualTo(2);
        assertThat(listed.findValuesAsText("protocol")).containsExactlyInAnyOrder("tcp", "udp");

        assertThat(send("DELETE", base + "/" + tcpPort, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", base + "/" + udpPort, null).statusCode()).isEqualTo(204);
        assertThat(lxc("config", "device", "list", name)).doesNotContain("axion-");
        assertThat(json(send("GET", base, null)).size()).isZero();
        await().atMost(DEADLINE).until(() -> refused(tcpPort));
    }

    @Test
    public void forwardErrorsAreProblems() throws Exception {
        String name = runningBusybox("fwderr");
        String other = runningBusybox("fwdother");
        String base = "/api/v1/instances/" + name + "/forwards";
        int taken = freePortInRange();
        assertThat(send("POST", "/api/v1/instances/" + other + "/forwards",
                "{\"hostPort\":" + taken + ",\"containerPort\":80}").statusCode()).isEqualTo(201);

        // Another instance forwards it (whatever the protocol), or a host process listens on it: 409.
        assertProblem(send("POST", base, "{\"hostPort\":" + taken + ",\"containerPort\":80}"), 409, "port-in-use");
        assertProblem(send("POST", base, "{\"hostPort\":" + taken + ",\"containerPort\":80,\"protocol\":\"udp\"}"),
                409, "port-in-use");
        try (ServerSocket hostProcess = new ServerSocket()) {
            hostProcess.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), freePortInRange()));
            assertProblem(send("POST", base, "{\"hostPort\":" + hostProcess.getLocalPort() + ",\"containerPort\":80}"),
                    409, "port-in-use");
        }

        assertProblem(send("POST", base, "{\"hostPort\":80,\"containerPort\":80}"), 422, "validation");
        assertProblem(send("POST", base, "{\"hostPort\":60001,\"containerPort\":80}"), 422, "validation");
        assertProblem(send("POST", base, "{\"hostPort\":" + freePortInRange() + ",\"containerPort\":0}"), 422,
                "validation");
        assertProblem(send("POST", base, "{\"hostPort\":" + freePortInRange() + ",\"containerPort\":65536}"), 422,
                "validation");
        assertProblem(send("POST", base, "{\"hostPort\":" + freePortInRange() + ",\"containerPort\":80,"
                + "\"protocol\":\"sctp\"}"), 422, "validation");
        assertProblem(send("POST", base, "{\"containerPort\":80}"), 422, "validation");
        assertProblem(send("POST", base, "{\"hostPort\":\"many\",\"containerPort\":80}"), 422, "validation");
        assertProblem(send("POST", base, "nope"), 400, "unparseable-body");
        assertProblem(send("DELETE", base + "/" + taken, null), 404, "not-found");
        assertProblem(send("DELETE", base + "/port", null), 422, "validation");
        assertProblem(send("GET", "/api/v1/instances/ghost/forwards", null), 404, "not-found");
        assertProblem(send("POST", "/api/v1/instances/ghost/forwards",
                "{\"hostPort\":" + freePortInRange() + ",\"containerPort\":80}"), 404, "not-found");
        assertThat(lxc("config", "device", "list", name)).doesNotContain("axion-");
    }

    // --- files ----------------------------------------------------------------------------------------------------

    @Test
    public void filesAreBrowsedReadWrittenAndDeletedBinarySafe() throws Exception {
        String name = runningBusybox("files");
        String base = "/api/v1/instances/" + name + "/files?path=";

        JsonNode root = json(send("GET", base + "/", null));
        assertThat(root.path("type").asText()).isEqualTo("directory");
        assertThat(root.path("entries").findValuesAsText("name")).contains("bin", "etc", "tmp");
        JsonNode etc = root.path("entries").findParents("name").stream()
                .filter(e -> e.path("name").asText().equals("etc")).findFirst().orElseThrow();
        assertThat(etc.path("type").asText()).isEqualTo("directory");
        assertThat(etc.has("size") && etc.has("mode") && etc.has("uid") && etc.has("gid")).isTrue();

        HttpResponse<byte[]> inittab = bytes("GET", base + "/etc/inittab", null);
        assertThat(inittab.statusCode()).isEqualTo(200);
        assertThat(inittab.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(new String(inittab.body(), StandardCharsets.UTF_8))
                .isEqualTo(lxc("exec", name, "--", "cat", "/etc/inittab"));

        // Every byte value, then noise: a 300 KB binary file round-trips through PUT and GET byte for byte.
        byte[] blob = new byte[300 * 1024];
        new Random(42).nextBytes(blob);
        for (int i = 0; i < 256; i++) {
            blob[i] = (byte) i;
        }
        HttpResponse<byte[]> put = bytes("PUT", base + "/tmp/blob.bin&mode=0600",
                HttpRequest.BodyPublishers.ofByteArray(blob));
        assertThat(put.statusCode()).isEqualTo(204);
        assertThat(lxc("exec", name, "--", "md5sum", "/tmp/blob.bin")).startsWith(md5(blob));
        assertThat(lxc("exec", name, "--", "stat", "-c", "%a %s", "/tmp/blob.bin").trim()).isEqualTo("600 " + blob.length);
        HttpResponse<byte[]> got = bytes("GET", base + "/tmp/blob.bin", null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValueAsLong("Content-Length")).hasValue(blob.length);
        assertThat(got.body()).isEqualTo(blob);

        // An upload without a length (chunked) streams as well, and replaces the file.
        byte[] smaller = "replaced\n".getBytes(StandardCharsets.UTF_8);
        assertThat(bytes("PUT", base + "/tmp/blob.bin",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(smaller))).statusCode())
                .isEqualTo(204);
        assertThat(lxc("exec", name, "--", "cat", "/tmp/blob.bin")).isEqualTo("replaced\n");

        assertThat(send("PUT", base + "/tmp/made&type=directory", null).statusCode()).isEqualTo(204);
        assertThat(lxc("exec", name, "--", "sh", "-c", "test -d /tmp/made && echo dir").trim()).isEqualTo("dir");
        assertThat(send("PUT", base + "/tmp/made&type=directory", null).statusCode()).isEqualTo(204);
        JsonNode made = json(send("GET", base + "/tmp/made", null));
        assertThat(made.path("type").asText()).isEqualTo("directory");
        assertThat(made.path("entries").size()).isZero();

        assertThat(send("DELETE", base + "/tmp/blob.bin", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", base + "/tmp/made", null).statusCode()).isEqualTo(204);
        assertThat(lxc("exec", name, "--", "sh", "-c", "ls -a /tmp").split("\\s+"))
                .doesNotContain("blob.bin", "made");
    }

    @Test
    public void fileErrorsAreProblems() throws Exception {
        String name = runningBusybox("fileerr");
        String base = "/api/v1/instances/" + name + "/files";
        lxc("exec", name, "--", "sh", "-c", "mkdir -p /full && echo x > /full/f");

        for (String bad : new String[] {"etc/passwd", "/etc/../etc/passwd", "/etc/./passwd", "/etc//passwd", "/etc/",
                "/etc/pass\0wd", ""}) {
            assertProblem(send("GET", base + "?path=" + URLEncoder.encode(bad, StandardCharsets.UTF_8), null), 422,
                    "validation");
            assertProblem(send("DELETE", base + "?path=" + URLEncoder.encode(bad, StandardCharsets.UTF_8), null), 422,
                    "validation");
        }
        assertProblem(send("GET", base, null), 422, "validation");
        assertProblem(bytes("PUT", base + "?path=/tmp/../x", HttpRequest.BodyPublishers.ofString("x")), 422,
                "validation");
        assertProblem(send("PUT", base + "?path=/tmp/x&type=fifo", null), 422, "validation");
        assertProblem(send("DELETE", base + "?path=/", null), 422, "validation");

        assertProblem(send("GET", "/api/v1/instances/ghost/files?path=/", null), 404, "not-found");
        assertProblem(bytes("PUT", "/api/v1/instances/ghost/files?path=/x", HttpRequest.BodyPublishers.ofString("x")),
                404, "not-found");
        assertProblem(send("GET", base + "?path=/nope", null), 404, "not-found");
        assertProblem(send("DELETE", base + "?path=/nope", null), 404, "not-found");
        assertProblem(bytes("PUT", base + "?path=/nope/x", HttpRequest.BodyPublishers.ofString("x")), 404, "not-found");

        assertProblem(bytes("PUT", base + "?path=/full", HttpRequest.BodyPublishers.ofString("x")), 409,
                "is-a-directory");
        assertProblem(send("PUT", base + "?path=/full/f&type=directory", null), 409, "already-exists");
        assertProblem(send("DELETE", base + "?path=/full", null), 409, "directory-not-empty");

        // Over the cap: refused on its Content-Length before the body is sent, or counted while it streams.
        byte[] tooBig = new byte[UPLOAD_CAP + 64 * 1024];
        assertThat(statusOfAnnouncedUpload(base + "?path=/tmp/big", tooBig.length)).isEqualTo(413);
        HttpResponse<byte[]> streamed = bytes("PUT", base + "?path=/tmp/big",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig)));
        assertProblem(streamed, 413, "payload-too-large");
        assertThat(lxc("exec", name, "--", "ls", "/tmp").split("\\s+")).doesNotContain("big");
        assertThat(bytes("PUT", base + "?path=/tmp/exact",
                HttpRequest.BodyPublishers.ofByteArray(new byte[UPLOAD_CAP])).statusCode()).isEqualTo(204);
    }

    // --- roles and capabilities -----------------------------------------------------------------------------------

    @Test
    public void viewersReadAndOperatorsChange() {
        String name = runningBusybox("roles");
        String password = "viewer-pass-" + System.nanoTime();
        assertThat(request("POST", "/api/v1/users", token, "{\"username\":\"watcher\",\"password\":\"" + password
                + "\",\"role\":\"viewer\"}").statusCode()).isEqualTo(201);
        String viewer = json(request("POST", "/api/v1/auth/login", null,
                "{\"username\":\"watcher\",\"password\":\"" + password + "\"}")).path("token").asText();

        String instance = "/api/v1/instances/" + name;
        assertThat(request("GET", instance + "/snapshots", viewer, null).statusCode()).isEqualTo(200);
        assertThat(request("GET", instance + "/forwards", viewer, null).statusCode()).isEqualTo(200);
        assertThat(request("GET", instance + "/files?path=/", viewer, null).statusCode()).isEqualTo(200);
        assertProblem(request("POST", instance + "/snapshots", viewer, "{\"name\":\"s1\"}"), 403, "forbidden");
        assertProblem(request("POST", instance + "/forwards", viewer,
                "{\"hostPort\":" + freePortInRange() + ",\"containerPort\":80}"), 403, "forbidden");
        assertProblem(request("DELETE", instance + "/files?path=/etc/inittab", viewer, null), 403, "forbidden");
        assertProblem(request("GET", instance + "/snapshots", null, null), 401, "unauthorized");

        JsonNode capabilities = json(request("GET", "/api/v1/capabilities", viewer, null)).path("capabilities");
        assertThat(capabilities.toString()).contains("\"snapshot\"", "\"network\"", "\"files\"");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    /**
     * The status a PUT with {@code Expect: 100-continue} gets before its body is sent. Over a plain socket: the JDK's
     * client waits forever (ignoring its timeout) when the answer to an expect-continue request is not 100.
     */
    private int statusOfAnnouncedUpload(String path, long length) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.getInteger("axion.it.http.port"))) {
            socket.setSoTimeout(30_000);
            String head = "PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length
                    + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private HttpResponse<String> send(String method, String path, String jsonBody) {
        return request(method, path, token, jsonBody);
    }

    private HttpResponse<byte[]> bytes(String method, String path, HttpRequest.BodyPublisher body) {
        HttpRequest request = authorized(path).header("Content-Type", "application/octet-stream")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitJobCompleted(String id) {
        return awaitJobCompleted(token, id, JOB_DEADLINE);
    }

    private int jobCount(String instance) {
        return json(send("GET", "/api/v1/jobs?instance=" + instance, null)).size();
    }

    private static void assertProblem(HttpResponse<?> response, int status, String slug) {
        String body = response.body() instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8)
                : String.valueOf(response.body());
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("type of %s", response.uri())
                .hasValue("application/problem+json");
        try {
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("type").asText()).as("problem of %s: %s", response.uri(), body)
                    .isEqualTo(PROBLEM + slug);
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }

    /** A free port inside the default forward range 10000-60000. */
    private static int freePortInRange() {
        for (int i = 0; i < 100; i++) {
            int port = freePort();
            if (port >= 10000 && port <= 60000) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in 10000-60000");
    }

    private static String httpGetRaw(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /index.html HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
