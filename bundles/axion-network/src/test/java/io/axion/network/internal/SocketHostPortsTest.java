package io.axion.network.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.lxd.ForwardProtocol;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class SocketHostPortsTest {
    SocketHostPorts ports = new SocketHostPorts();

    @Test
    void aListeningTcpPortIsInUseAndFreeOnceClosed() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            assertThat(ports.inUse("127.0.0.1", port, ForwardProtocol.TCP)).isTrue();
        }
        assertThat(ports.inUse("127.0.0.1", port, ForwardProtocol.TCP)).isFalse();
    }

    @Test
    void aBoundUdpPortIsInUseAndFreeOnceClosed() throws Exception {
        int port;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = socket.getLocalPort();
            assertThat(ports.inUse("127.0.0.1", port, ForwardProtocol.UDP)).isTrue();
        }
        assertThat(ports.inUse("127.0.0.1", port, ForwardProtocol.UDP)).isFalse();
    }

    @Test
    void aListenerOnEveryInterfaceBlocksTheLoopbackToo() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            assertThat(ports.inUse("127.0.0.1", listener.getLocalPort(), ForwardProtocol.TCP)).isTrue();
        }
    }
}
