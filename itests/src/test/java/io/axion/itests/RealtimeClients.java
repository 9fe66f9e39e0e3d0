package io.axion.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** WebSocket clients of the real-time IT: the JDK's client (it answers pings by itself) and a stalled raw one. */
final class RealtimeClients {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RealtimeClients() {
    }

    static WebSocket open(String url, String token, WebSocket.Listener listener) {
        try {
            return HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open " + url, e);
        }
    }

    /** Collects {@code /ws/events} messages with the time each arrived. */
    static final class Events implements WebSocket.Listener {
        record Received(JsonNode message, long atMillis) {
        }

        final List<Received> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(new Received(JSON.readTree(partial.toString()), System.currentTimeMillis()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        List<Received> on(String channel) {
            return received.stream().filter(r -> r.message().path("channel").asText().equals(channel)).toList();
        }
    }

    /** Collects a terminal's output as text and how the socket closed. */
    static final class Terminal implements WebSocket.Listener {
        final StringBuffer output = new StringBuffer();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            output.append(new String(bytes, StandardCharsets.UTF_8));
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            output.append(data);
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        static void type(WebSocket socket, String keys) {
            socket.sendBinary(ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8)), true).join();
        }
    }

    /** Completes the upgrade and then never reads, like a stuck browser tab. */
    static final class Stalled implements AutoCloseable {
        private final Socket socket;

        Stalled(int port, String path, String token) throws IOException {
            socket = new Socket("127.0.0.1", port);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            StringBuilder headers = new StringBuilder();
            InputStream in = socket.getInputStream();
            int b;
            while (!headers.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
                headers.append((char) b);
            }
            if (!headers.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("Upgrade refused: " + headers);
            }
        }

        /** Reads what the server sent so far and returns the code of its close frame, or -1 when none came. */
        int readCloseCode(int quietMillis) throws IOException {
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
                // quiet: no close frame yet
            }
            return closeCode(received.toByteArray());
        }

        private static int closeCode(byte[] bytes) {
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

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
