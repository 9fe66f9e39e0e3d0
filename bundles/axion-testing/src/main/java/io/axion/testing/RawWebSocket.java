package io.axion.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a bare socket: it sends the RFC 6455 upgrade itself and afterwards reads only when told, so
 * it can play a stuck browser tab (the server notices it only through unanswered pings and unsent frames) or carry a
 * client that reads frames its own way. Nothing is buffered past the upgrade's headers, so whatever reads
 * {@link #socket()} next sees the server's first frame.
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket;

    /** Connects to {@code 127.0.0.1:port} and upgrades {@code path}; {@code authorization} may be null. */
    public RawWebSocket(int port, String path, String authorization) throws IOException {
        socket = new Socket("127.0.0.1", port);
        try {
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String status = readHeaders(socket.getInputStream());
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("Upgrade refused: " + status);
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The upgraded connection, positioned at the server's first frame. */
    public Socket socket() {
        return socket;
    }

    /**
     * Reads what the server sent so far (until it closes the connection or is silent for {@code quietMillis}) and
     * returns the code of the close frame in it as soon as it arrived, or -1 when there is none.
     */
    public int readCloseCode(int quietMillis) throws IOException {
        socket.setSoTimeout(quietMillis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        InputStream in = socket.getInputStream();
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
                int code = closeCode(received.toByteArray());
                if (code != -1) {
                    return code;
                }
            }
        } catch (SocketTimeoutException e) {
            // silent: take what arrived
        } catch (IOException e) {
            // reset after the close: take what arrived
        }
        return closeCode(received.toByteArray());
    }

    /** Walks unmasked server frames and returns the first close frame's code, or -1 when there is none yet. */
    public static int closeCode(byte[] bytes) {
        int i = 0;
        while (i + 2 <= bytes.length) {
            int opcode = bytes[i] & 0x0f;
            long length = bytes[i + 1] & 0x7f;
            int header = 2;
            if (length == 126) {
                if (i + 4 > bytes.length) {
                    return -1;
                }
                length = ((bytes[i + 2] & 0xff) << 8) | (bytes[i + 3] & 0xff);
                header = 4;
            } else if (length == 127) {
                if (i + 10 > bytes.length) {
                    return -1;
                }
                length = 0;
                for (int k = 0; k < 8; k++) {
                    length = (length << 8) | (bytes[i + 2 + k] & 0xff);
                }
                header = 10;
            }
            if (opcode == 0x8 && length >= 2 && i + header + 2 <= bytes.length) {
                return ((bytes[i + header] & 0xff) << 8) | (bytes[i + header + 1] & 0xff);
            }
            i += header + (int) length;
        }
        return -1;
    }

    /** Byte by byte, so that no frame after the headers is read into a buffer here. */
    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        int b;
        while (!headers.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
            headers.append((char) b);
        }
        return headers.toString().lines().findFirst().orElse("");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
