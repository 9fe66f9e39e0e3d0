package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.lxd.InstanceInfo;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTPS transport with Axion's generated client certificate. LXD listens on 127.0.0.1 only for the test's
 * duration (its previous {@code core.https_address} is put back) and trusts the certificate only meanwhile.
 */
class LxdRemoteHttpsIT extends LxdProjectSupport {

    @Test
    void talksToLxdOverHttpsWithAGeneratedClientCertificate(@TempDir Path data) throws Exception {
        JsonNode server = lxd.get("/1.0", Subject.server(), "read server").metadata();
        String previousAddress = server.path("config").path("core.https_address").asText("");
        String address = previousAddress.isEmpty() ? "127.0.0.1:" + freePort() : previousAddress;
        Path serverCert = data.resolve("server.crt");
        Files.writeString(serverCert, server.path("environment").path("certificate").asText());
        String fingerprint = null;
        try {
            if (previousAddress.isEmpty()) {
                setHttpsAddress(address);
            }
            LxdSettings remote = new LxdSettings(null, "https://" + address + "/", null, null, serverCert, data,
                    project, Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(1), ImageFallbacks.parse(""), 1 << 20);

            // Not trusted yet: LXD answers, but as an untrusted client.
            try (LxdConnection untrusted = new LxdConnection(remote)) {
                assertThat(Files.exists(data.resolve("client.crt"))).isTrue();
                assertThat(untrusted.fetchServerInfo(Duration.ofSeconds(5)).trusted()).isFalse();
                assertThatThrownBy(() -> new LxdInstancesService(untrusted).list())
                        .isInstanceOf(io.axion.api.lxd.LxdUnreachableException.class);
                LxdHealthMonitor health = new LxdHealthMonitor(untrusted);
                try {
                    health.check();
                    assertThat(health.reachable()).isFalse();
                } finally {
                    health.close();
                }
            }

            fingerprint = trust(data.resolve("client.crt"));
            String name = runningBusybox("https");
            try (LxdConnection trusted = new LxdConnection(remote)) {
                assertThat(trusted.fetchServerInfo(Duration.ofSeconds(5)).trusted()).isTrue();
                assertThat(new LxdInstancesService(trusted).list()).extracting(InstanceInfo::name).contains(name);
                var exec = new LxdExecService(trusted).run(name, io.axion.api.lxd.ExecRequest.of("echo", "tls"), null);
                assertThat(exec.stdout()).isEqualTo("tls\n");
            }
        } finally {
            if (fingerprint != null) {
                lxd.send(lxd.request(HttpMethod.DELETE, "/1.0/certificates/" + fingerprint), Subject.server(), "untrust");
            }
            if (previousAddress.isEmpty()) {
                setHttpsAddress("");
            }
        }
    }

    private static void setHttpsAddress(String address) {
        var request = LxdConnection.withJson(lxd.request(HttpMethod.PATCH, "/1.0"),
                Map.of("config", Map.of("core.https_address", address)));
        lxd.send(request, Subject.server(), "set core.https_address");
    }

    /** {@code lxc config trust add}, through the trusted unix socket. */
    private static String trust(Path certificate) throws Exception {
        var x509 = ClientCertificates.readCertificate(certificate);
        String base64 = Base64.getEncoder().encodeToString(x509.getEncoded());
        var request = LxdConnection.withJson(lxd.request(HttpMethod.POST, "/1.0/certificates"),
                Map.of("type", "client", "certificate", base64, "name", "axion-it-" + project));
        lxd.send(request, Subject.server(), "trust the client certificate");
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(x509.getEncoded());
        return java.util.HexFormat.of().formatHex(digest);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
