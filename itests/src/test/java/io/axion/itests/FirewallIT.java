package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Per-instance firewalls on the real LXD: three busybox containers that Axion made on its bridge (no uplink),
 * one serving tcp/8000 with busybox httpd; rules on the server are checked from inside both neighbours and from
 * the host. Neighbours probe with busybox {@code nc -w 2} rather than {@code wget}: Debian's busybox-static 1.35
 * {@code wget} crashes (SIGSEGV) on any URL here, inside containers and on the host alike.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FirewallIT extends KarafTestSupport {
    private static final Duration JOB_DEADLINE = Duration.ofSeconds(90);
    private static final String BRIDGE_HOST = "10.147.0.1";
    private String token;

    @Configuration
    public Option[] config() {
        // Four instances of one core each on a 2-core machine.
        return withBaseOptions(editConfigurationFilePut("etc/io.axion.quota.cfg", "cpuOvercommit", "16"),
                editConfigurationFilePut("etc/io.axion.lxd.cfg", "bridge", "axionbr0"));
    }

    @Before
    public void loginWhenServed() {
        token = adminToken();
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(send("GET", "/api/v1/openapi.json", null).body())
                .contains("/api/v1/instances/{name}/firewall", "/api/v1/instances/{name}/network"));
    }

    @Test
    public void rulesOnTheServerAreHeldByNeighboursAndTheHostAndSurviveARestart() {
        String server = created("fw-srv");
        String near = created("fw-near");
        String far = created("fw-far");
        String serverIp = address(server);
        String nearIp = address(near);
        address(far);
        lxc("exec", server, "--", "sh", "-c", "mkdir -p /www && echo served > /www/index.html && httpd -p 8000 -h /www");
        await().atMost(DEADLINE).until(() -> reaches(far, serverIp));
        assertThat(reaches(near, serverIp)).isTrue();
        assertThat(hostReaches(serverIp)).isTrue();

        String firewall = "/api/v1/instances/" + server + "/firewall";
        HttpResponse<String> put = send("PUT", firewall, rules("allow", rule("tcp", "8000", nearIp, "drop")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(put).path("rules").get(0).path("source").asText()).isEqualTo(nearIp + "/32");
        assertThat(reaches(near, serverIp)).as("the neighbour the rule names").isFalse();
        assertThat(reaches(far, serverIp)).as("the other neighbour").isTrue();
        assertThat(hostReaches(serverIp)).as("the host").isTrue();

        // The same from the host: a rule with the host's bridge address as source, versus none.
        send("PUT", firewall, rules("allow", rule("tcp", "8000", BRIDGE_HOST, "drop")));
        assertThat(hostReaches(serverIp)).as("the host, named").isFalse();
        assertThat(reaches(near, serverIp)).isTrue();
        assertThat(reaches(far, serverIp)).isTrue();

        // Default-deny ingress: only what a rule allows comes in; the server's own connections still get replies.
        lxc("exec", near, "--", "sh", "-c", "mkdir -p /www && echo near > /www/index.html && httpd -p 8000 -h /www");
        send("PUT", firewall, rules("drop", rule("tcp", "8000-8001", address(far), "allow")));
        assertThat(reaches(far, serverIp)).isTrue();
        assertThat(reaches(near, serverIp)).isFalse();
        assertThat(hostReaches(serverIp)).isFalse();
        assertThat(reaches(server, nearIp)).as("a reply to the server's own connection").isTrue();

        // Kept in the store and applied to the new veth of a restarted instance.
        String veth = json(send("GET", "/api/v1/instances/" + server + "/network", null)).path("hostInterface").asText();
        awaitJobCompleted(json(send("POST", "/api/v1/instances/" + server + "/stop?force=true", null)).path("id").asText());
        awaitJobCompleted(json(send("POST", "/api/v1/instances/" + server + "/start", null)).path("id").asText());
        String restartedIp = address(server);
        assertThat(json(send("GET", "/api/v1/instances/" + server + "/network", null)).path("hostInterface").asText())
                .isNotEqualTo(veth);
        lxc("exec", server, "--", "sh", "-c", "httpd -p 8000 -h /www");
        await().atMost(DEADLINE).until(() -> reaches(far, restartedIp));
        assertThat(reaches(near, restartedIp)).isFalse();
        assertThat(send("GET", firewall, null).body()).contains("\"defaultIngress\":\"drop\"");

        // No rules: open again, from everywhere.
        assertThat(send("PUT", firewall, rules("allow")).statusCode()).isEqualTo(200);
        assertThat(reaches(near, restartedIp)).isTrue();
        assertThat(reaches(far, restartedIp)).isTrue();
        assertThat(hostReaches(restartedIp)).isTrue();
    }

    @Test
    public void aPortForwardServesOnlyTheSourcesItNames() {
        String server = created("fw-fwd");
        lxc("exec", server, "--", "sh", "-c", "mkdir -p /www && echo served > /www/index.html && httpd -p 8000 -h /www");
        int port = 20000 + (int) (System.nanoTime() % 20000);
        String forwards = "/api/v1/instances/" + server + "/forwards";

        HttpResponse<String> elsewhere = send("POST", forwards,
                "{\"hostPort\":" + port + ",\"containerPort\":8000,\"sources\":[\"10.0.0.0/8\"]}");
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(201);
        assertThat(json(elsewhere).path("sources").toString()).isEqualTo("[\"10.0.0.0/8\"]");
        assertThat(send("GET", forwards, null).body()).contains("\"sources\":[\"10.0.0.0/8\"]");
        assertThat(connects("127.0.0.1", port)).as("from loopback, not among the sources").isFalse();
        assertThat(send("DELETE", forwards + "/" + port, null).statusCode()).isEqualTo(204);

        assertThat(send("POST", forwards, "{\"hostPort\":" + port + ",\"containerPort\":8000,"
                + "\"sources\":[\"127.0.0.1\"]}").statusCode()).isEqualTo(201);
        await().atMost(DEADLINE).until(() -> connects("127.0.0.1", port));
        assertThat(send("DELETE", forwards + "/" + port, null).statusCode()).isEqualTo(204);

        assertThat(send("POST", forwards, "{\"hostPort\":" + port + ",\"containerPort\":8000,"
                + "\"sources\":[\"10.0.0.0/40\"]}").statusCode()).isEqualTo(422);
        assertThat(json(send("GET", forwards, null)).size()).isZero();
        assertThat(send("POST", forwards, "{\"hostPort\":" + port + ",\"containerPort\":8000}").statusCode())
                .isEqualTo(201);
        await().atMost(DEADLINE).until(() -> connects("127.0.0.1", port));
    }

    @Test
    public void badRulesAreAProblemAndChangeNothing() {
        String name = created("fw-bad");
        String firewall = "/api/v1/instances/" + name + "/firewall";
        assertThat(send("PUT", firewall, rules("drop", rule("tcp", "8000", "10.147.0.9", "allow"))).statusCode())
                .isEqualTo(200);
        String before = send("GET", firewall, null).body();
        for (String bad : new String[] {
                rules("maybe"),
                rules("allow", rule("tcp", "80-70", null, "drop")),
                rules("allow", rule("icmp", "80", null, "drop")),
                rules("allow", rule("tcp", "80", "10.0.0.300", "drop")),
                rules("allow", rule("tcp", "80", "10.0.0.1\\\"; flush ruleset", "drop")),
                rules("allow", rule("tcp", "80", null, "reject")),
                "{\"rules\":[{\"direction\":\"up\",\"protocol\":\"tcp\",\"action\":\"drop\"}]}"}) {
            HttpResponse<String> refused = send("PUT", firewall, bad);
            assertThat(refused.statusCode()).as(bad + " -> " + refused.body()).isEqualTo(422);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        }
        assertThat(send("GET", firewall, null).body()).isEqualTo(before);
        assertThat(send("GET", "/api/v1/instances/ghost/firewall", null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/v1/instances/ghost/firewall", rules("allow")).statusCode()).isEqualTo(404);
    }

    @Test
    public void theBridgeHasNoUplinkAndInstancesGetDhcpAddressesOnIt() {
        String name = created("fw-dhcp");
        JsonNode network = await().atMost(DEADLINE).until(
                () -> json(send("GET", "/api/v1/instances/" + name + "/network", null)),
                n -> n.path("addresses").size() > 0);
        assertThat(network.path("bridge").asText()).isEqualTo("axionbr0");
        assertThat(network.path("device").asText()).isEqualTo("eth0");
        assertThat(network.path("addresses").get(0).asText()).startsWith("10.147.0.").endsWith("/24");
        String config = lxcServer("network", "show", "axionbr0");
        assertThat(config).contains("ipv4.nat: \"false\"", "ipv6.address: none").doesNotContain("external_interfaces");
        assertThat(lxc("config", "device", "show", name)).contains("network: axionbr0");
    }

    private String created(String prefix) {
        String name = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String body = toJson(Map.of("name", name, "image", "axion/busybox", "cpu", 1, "memoryMiB", 64));
        // Placement refuses (422, no room) until the host's capacity has been read once, just after boot.
        HttpResponse<String> accepted = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> request("POST", "/api/v1/instances", token, body),
                        r -> r.statusCode() != 422 || !r.body().contains("quota-exceeded"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitJobCompleted(json(accepted).path("id").asText());
        return name;
    }

    /** The instance's DHCP address, once it has one (busybox's udhcpc takes ~0.5 s after start). */
    private String address(String name) {
        JsonNode network = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(
                () -> json(send("GET", "/api/v1/instances/" + name + "/network", null)),
                n -> n.path("addresses").size() > 0);
        String cidr = network.path("addresses").get(0).asText();
        return cidr.substring(0, cidr.indexOf('/'));
    }

    /** An HTTP request to port 8000 from inside {@code from}; a dropped SYN makes nc give up after 2 s. */
    private boolean reaches(String from, String ip) {
        String answer;
        try {
            answer = lxc("exec", from, "--", "sh", "-c",
                    "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + ip + " 8000 2>&1; true");
        } catch (RuntimeException e) {
            answer = e.getMessage();
        }
        return answer != null && answer.contains("200 OK");
    }

    /** A TCP connection from the host, whose address on the bridge is its source. */
    private boolean hostReaches(String ip) {
        return connects(ip, 8000);
    }

    /** Whether a TCP connection opens within 2 s (a dropped SYN is never answered). */
    private static boolean connects(String ip, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String rule(String protocol, String ports, String source, String action) {
        return "{\"direction\":\"in\",\"protocol\":\"" + protocol + "\",\"ports\":\"" + ports + "\""
                + (source == null ? "" : ",\"source\":\"" + source + "\"") + ",\"action\":\"" + action + "\"}";
    }

    private static String rules(String defaultIngress, String... rules) {
        return "{\"defaultIngress\":\"" + defaultIngress + "\",\"rules\":[" + String.join(",", rules) + "]}";
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String jsonBody) {
        return request(method, path, token, jsonBody);
    }

    private JsonNode awaitJobCompleted(String id) {
        return awaitJobCompleted(token, id, JOB_DEADLINE);
    }
}
