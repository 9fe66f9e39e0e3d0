package io.axion.network.internal;

import io.axion.api.lxd.ForwardProtocol;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Tries to bind the address and port the way LXD's proxy will: if Axion cannot, neither can the proxy. Only
 * meaningful when LXD runs on this host.
 */
final class SocketHostPorts implements HostPorts {

    @Override
    public boolean inUse(String address, int port, ForwardProtocol protocol) {
        InetSocketAddress endpoint = new InetSocketAddress(address, port);
        try {
            if (protocol == ForwardProtocol.UDP) {
                try (DatagramSocket socket = new DatagramSocket(null)) {
                    socket.bind(endpoint);
                }
            } else {
                try (ServerSocket socket = new ServerSocket()) {
                    // Like the proxy: a port in TIME_WAIT is free, a listening one is not.
                    socket.setReuseAddress(true);
                    socket.bind(endpoint, 1);
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
