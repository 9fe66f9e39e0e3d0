package io.axion.lxd.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A byte-pumping proxy from a unix socket of the test's own to LXD's, so a test can make "LXD" vanish and
 * return (by closing and reopening the proxy) without touching the shared daemon.
 */
final class UnixSocketProxy implements AutoCloseable {
    private final Path listen;
    private final Path target;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocketChannel server;

    UnixSocketProxy(Path listen, Path target) {
        this.listen = listen;
        this.target = target;
    }

    synchronized void start() throws IOException {
        Files.deleteIfExists(listen);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(listen));
        server = channel;
        Thread acceptor = new Thread(() -> accept(channel), "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the listening socket and every proxied connection: to clients it looks like LXD died. */
    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (SocketChannel channel : open) {
            channel.close();
        }
        open.clear();
        Files.deleteIfExists(listen);
    }

    private void accept(ServerSocketChannel channel) {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(target));
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException ignored) {
                // One side closed: close both below.
            }
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
