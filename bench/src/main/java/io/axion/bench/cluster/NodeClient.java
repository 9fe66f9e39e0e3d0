package io.axion.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The REST API of one node, as the admin. */
final class NodeClient {
    static final ObjectMapper JSON = new ObjectMapper();

    // HTTP/1.1 on kept connections, like a script or a browser tab; the default would offer an h2c upgrade.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final int node;
    private final String baseUrl;
    private final String token;

    private NodeClient(int node, String baseUrl, String token) {
        this.node = node;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Logs in on the node; retried for a while, since routes come and go while the web bundle settles. */
    static NodeClient login(int node, String baseUrl, String password) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("username", "admin", "password", password));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() == 200) {
                return new NodeClient(node, baseUrl, JSON.readTree(login.body()).path("token").asText());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("login on node " + node + " answered " + login.statusCode() + ": "
                        + login.body());
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** The same token against another node: the signing key is shared, so any node accepts it. */
    NodeClient on(int otherNode, String otherBaseUrl) {
        return new NodeClient(otherNode, otherBaseUrl, token);
    }

    int node() {
        return node;
    }

    /** The raw list, for timing: the caller counts the entries outside its clock. */
    HttpResponse<byte[]> listInstances() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(request("/api/v1/instances").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        expect(response.statusCode(), 200, "GET /api/v1/instances", response.body().length);
        return response;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " on node " + node + ": " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** {@code POST /api/v1/instances}: a stopped instance on {@code host}; returns the job's id (202). */
    String createStopped(String name, String host) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("name", name, "image", "axion/busybox", "cpu", 1,
                "memoryMiB", 32, "start", false, "host", host));
        HttpResponse<String> response = HTTP.send(request("/api/v1/instances").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return jobId("create " + name, response);
    }

    /** {@code DELETE /api/v1/instances/{name}}; returns the job's id (202). */
    String delete(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request("/api/v1/instances/" + name).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        return jobId("delete " + name, response);
    }

    /** Polls the job on this node until it is COMPLETED; a FAILED job or the deadline throws. */
    JsonNode awaitJob(String id, Duration pollEvery, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            JsonNode job = get("/api/v1/jobs/" + id);
            String state = job.path("state").asText();
            if (state.equals("COMPLETED")) {
                return job;
            }
            if (state.equals("FAILED")) {
                throw new IllegalStateException("job " + id + " (" + job.path("type").asText() + " "
                        + job.path("instance").asText() + ") failed: " + job.path("error").asText());
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("job " + id + " still " + state + " after " + deadline);
            }
            TimeUnit.NANOSECONDS.sleep(pollEvery.toNanos());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60));
    }

    private String jobId(String what, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 202) {
            throw new IllegalStateException(what + " on node " + node + ": " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private void expect(int status, int wanted, String what, int bytes) {
        if (status != wanted) {
            throw new IllegalStateException(what + " on node " + node + " answered " + status + " (" + bytes
                    + " bytes)");
        }
    }
}
