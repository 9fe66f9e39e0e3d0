package io.axion.bench.instances;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One plain HTTP/1.0 request to LXD's unix socket: the bench times LXD itself, not a client library. */
final class LxdSocket {
    private final Path socket;

    LxdSocket(Path socket) {
        this.socket = socket;
    }

    /** @return the response body (LXD closes the connection after an HTTP/1.0 answer) */
    String request(String method, String path, String body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.0\r\nHost: lxd\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\n")
                    + "Content-Length: " + payload.length + "\r\n\r\n";
            channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            channel.write(ByteBuffer.wrap(payload));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer) >= 0) {
                response.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            String text = response.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String status = text.substring(0, text.indexOf("\r\n"));
            if (!status.contains(" 200 ") && !status.contains(" 201 ") && !status.contains(" 202 ")) {
                throw new IOException(method + " " + path + ": " + text);
            }
            return split < 0 ? "" : text.substring(split + 4);
        }
    }
}
