package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.lxd.ExecRequest;
import io.axion.api.lxd.ForwardProtocol;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.ProxyForward;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LxdForwardsIT extends LxdProjectSupport {

    @Test
    void tcpForwardReachesAServerInsideTheInstance() throws Exception {
        String name = runningBusybox("fwd");
        var forwards = new LxdForwardsService(lxd);
        var exec = new LxdExecService(lxd);
        int hostPort = freePort();
        int udpPort = freePort();

        // busybox httpd on the instance's loopback, serving one file.
        var setup = exec.run(name, ExecRequest.of("sh", "-c",
                "mkdir -p /www && echo hello-from-axion > /www/index.html && httpd -p 127.0.0.1:8080 -h /www"), null);
        assertThat(setup.exitCode()).isZero();

        forwards.add(name, new ProxyForward("127.0.0.1", hostPort, 8080, ForwardProtocol.TCP));
        forwards.add(name, new ProxyForward("127.0.0.1", udpPort, 5353, ForwardProtocol.UDP));
        assertThatThrownBy(() -> forwards.add(name, new ProxyForward("127.0.0.1", hostPort, 81, ForwardProtocol.TCP)))
                .isInstanceOf(LxdAlreadyExistsException.class);

        JsonNode device = lxd.get("/1.0/instances/" + name, Subject.instance(name), "read back")
                .metadata().path("devices").path("axion-tcp-" + hostPort);
        assertThat(device.path("type").asText()).isEqualTo("proxy");
        assertThat(device.path("listen").asText()).isEqualTo("tcp:127.0.0.1:" + hostPort);
        assertThat(device.path("connect").asText()).isEqualTo("tcp:127.0.0.1:8080");
        assertThat(forwards.list(name)).containsExactlyInAnyOrder(
                new ProxyForward("127.0.0.1", hostPort, 8080, ForwardProtocol.TCP),
                new ProxyForward("127.0.0.1", udpPort, 5353, ForwardProtocol.UDP));
        assertThat(instances.get(name).forwards()).hasSize(2);

        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> httpGet(hostPort).contains("hello-from-axion"));

        forwards.remove(name, hostPort);
        forwards.remove(name, udpPort);
        forwards.remove(name, udpPort); // removing twice is harmless
        assertThat(forwards.list(name)).isEmpty();
        assertThat(lxd.get("/1.0/instances/" + name, Subject.instance(name), "read back")
                .metadata().path("devices").has("axion-tcp-" + hostPort)).isFalse();
        assertThatThrownBy(() -> httpGet(hostPort)).isInstanceOf(IOException.class);
    }

    private static String httpGet(int port) throws IOException {
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

    private static int freePort() throws IOException {
        // Ask the OS for a free port in the unprivileged range; LXD binds it right after.
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
