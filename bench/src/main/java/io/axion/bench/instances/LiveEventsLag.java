package io.axion.bench.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delivery lag of the running distribution's {@code /ws/events}: N clients (the JDK's WebSocket client, on this
 * machine, so their work competes for the same cores), each authenticated with the admin's Bearer token, receive the
 * real telemetry frames of every instance for a while. Lag = when a client has the whole frame minus the frame's
 * {@code at} (when the server published it; one clock, one machine).
 */
final class LiveEventsLag {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveEventsLag() {
    }

    static void measure(String baseUrl, String token, int clients, int seconds, int instances) throws Exception {
        String wsUrl = baseUrl.replaceFirst("^http", "ws") + "/ws/events";
        ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        LongAdder frames = new LongAdder();
        LongAccumulator largest = new LongAccumulator(Math::max, 0);
        List<WebSocket> sockets = new ArrayList<>();
        List<HttpClient> pools = new ArrayList<>();
        long measureFrom = System.currentTimeMillis() + 5_000;
        for (int i = 0; i < clients; i++) {
            // A handful of sockets per HttpClient: one selector thread reads all of a client's sockets.
            if (i % 10 == 0) {
                pools.add(HttpClient.newHttpClient());
            }
            WebSocket socket = pools.get(pools.size() - 1).newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(wsUrl), new Listener(lags, frames, largest, measureFrom))
                    .get(30, TimeUnit.SECONDS);
            socket.sendText("{\"subscribe\": [\"telemetry\"]}", true).get(10, TimeUnit.SECONDS);
            sockets.add(socket);
        }
        TimeUnit.SECONDS.sleep(5 + seconds);
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalStateException("no telemetry frame reached the clients");
        }
        double p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
        System.out.printf("/ws/events, %d clients, %d instances, %d s: %d telemetry frames received (largest %d KiB); "
                + "lag p50 %d ms, p99 %.0f ms, max %d ms (target p99 ≤ 100 ms: %s)%n", clients, instances, seconds,
                frames.sum(), largest.get() / 1024, sorted[sorted.length / 2], p99, sorted[sorted.length - 1],
                p99 <= 100 ? "met" : "NOT met");
    }

    private static final class Listener implements WebSocket.Listener {
        private final ConcurrentLinkedQueue<Long> lags;
        private final LongAdder frames;
        private final LongAccumulator largest;
        private final long measureFrom;
        private static final String CHANNEL_PREFIX = "{\"channel\":\"";
        private static final String TELEMETRY = CHANNEL_PREFIX + "telemetry\"";
        private static final String AT = "\"at\":\"";
        private final StringBuilder partial = new StringBuilder();
        private int checked;

        Listener(ConcurrentLinkedQueue<Long> lags, LongAdder frames, LongAccumulator largest, long measureFrom) {
            this.lags = lags;
            this.frames = frames;
            this.largest = largest;
            this.measureFrom = measureFrom;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                record(partial.toString(), now);
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        /**
         * Reads the channel and {@code at} only: 200 clients each parsing every 150 KiB frame into a tree on the
         * server's two cores measured the bench's own JSON parsing more than the delivery. The frame is
         * {@code {"channel":…, "type":…, "data":…, "at":"…"}} (written in that order); the first frames of each client
         * are parsed in full to check that.
         */
        private void record(String message, long receivedAt) {
            try {
                if (checked < 3) {
                    checked++;
                    JsonNode event = JSON.readTree(message);
                    if (!event.path("at").asText().equals(at(message)) || !message.startsWith(CHANNEL_PREFIX)) {
                        throw new IllegalStateException("the frame's layout changed: " + message.substring(0, 80));
                    }
                }
                if (!message.startsWith(TELEMETRY) || receivedAt < measureFrom) {
                    return;
                }
                frames.increment();
                largest.accumulate(message.length());
                lags.add(receivedAt - Instant.parse(at(message)).toEpochMilli());
            } catch (Exception e) {
                throw new IllegalStateException("unreadable event: " + e.getMessage(), e);
            }
        }

        private static String at(String message) {
            int start = message.lastIndexOf(AT) + AT.length();
            return message.substring(start, message.indexOf('"', start));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
