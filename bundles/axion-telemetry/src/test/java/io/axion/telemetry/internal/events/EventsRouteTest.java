package io.axion.telemetry.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.event.AxionEvent;
import io.axion.testing.InMemoryEventBus;
import io.axion.testing.JettyRouteServer;
import io.axion.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The events route behind Jetty's real WebSocket server, with JDK clients and a raw stalled one. */
class EventsRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryEventBus bus = new InMemoryEventBus();
    private final HttpClient http = HttpClient.newHttpClient();
    private EventsRoute route;
    private JettyRouteServer server;

    @BeforeEach
    void start() throws Exception {
        route = new EventsRoute(bus, new EventsSettings(50, 2, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        server = new JettyRouteServer(route, new AuthenticatedUser("tester", "viewer"));
    }

    @AfterEach
    void stop() throws Exception {
        route.close();
        server.close();
    }

    /** Collects every text message; answers pings (the JDK does it by itself) and keeps reading. */
    static final class Collector implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final StringBuilder partial = new StringBuilder();
        volatile int closeCode = -1;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        List<JsonNode> on(String channel) {
            return messages.stream().filter(m -> m.path("channel").asText().equals(channel)).toList();
        }
    }

    private WebSocket connect(Collector collector) {
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/events"), collector).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> route.clientCount() > 0);
        return socket;
    }

    private void publishTelemetry(long seq) {
        bus.publish(AxionEvent.of("telemetry", "usage", Map.of("node", "n1", "seq", seq,
                "instances", List.of(Map.of("name", "web-1", "cpuPercent", 1.5, "memoryBytes", 1024)))));
    }

    @Test
    void carriesEveryChannelAsJsonAndNarrowsOnSubscribe() {
        Collector collector = new Collector();
        WebSocket socket = connect(collector);

        publishTelemetry(1);
        bus.publish(AxionEvent.of("jobs", "job-updated", Map.of("id", "j1", "state", "PENDING")));
        bus.publish(AxionEvent.of("instances", "instance-started", Map.of("name", "web-1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> collector.messages.size() == 3);

        JsonNode telemetry = collector.on("telemetry").get(0);
        assertThat(telemetry.path("type").asText()).isEqualTo("usage");
        assertThat(telemetry.path("data").path("instances").get(0).path("name").asText()).isEqualTo("web-1");
        assertThat(telemetry.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(collector.on("jobs").get(0).path("data").path("state").asText()).isEqualTo("PENDING");
        assertThat(collector.on("instances").get(0).path("type").asText()).isEqualTo("instance-started");

        socket.sendText("{\"subscribe\": [\"jobs\"]}", true).join();
        // The subscription is read asynchronously: publish until a job event arrives after it, then check.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            publishTelemetry(2);
            bus.publish(AxionEvent.of("jobs", "job-updated", Map.of("id", "j2", "state", "COMPLETED")));
            return collector.messages.get(collector.messages.size() - 1).path("data").path("id").asText().equals("j2");
        });
        int seen = collector.messages.size();
        publishTelemetry(3);
        bus.publish(AxionEvent.of("instances", "instance-stopped", Map.of("name", "web-1")));
        bus.publish(AxionEvent.of("jobs", "job-updated", Map.of("id", "j3", "state", "COMPLETED")));
        await().atMost(Duration.ofSeconds(5)).until(() -> collector.messages.stream()
                .anyMatch(m -> m.path("data").path("id").asText().equals("j3")));
        assertThat(collector.messages.subList(seen, collector.messages.size()))
                .allSatisfy(m -> assertThat(m.path("channel").asText()).isEqualTo("jobs"));
        socket.abort();
    }

    @Test
    void aStalledClientIsClosedWhileAnotherGetsEveryFrame() throws Exception {
        Collector healthy = new Collector();
        WebSocket socket = connect(healthy);
        try (RawWebSocket stalled = new RawWebSocket(server.port(), "/ws/events", null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> route.clientCount() == 2);

            long seq = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (route.closedTooSlow() == 0 && System.nanoTime() < deadline) {
                publishTelemetry(++seq);
                bus.publish(AxionEvent.of("jobs", "job-updated", Map.of("id", "j" + seq, "state", "PENDING")));
                await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            }
            assertThat(route.closedTooSlow()).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                publishTelemetry(++seq);
            }
            long last = seq;
            assertThat(stalled.readCloseCode(5000)).isEqualTo(EventClient.TOO_SLOW);
            await().atMost(Duration.ofSeconds(10)).until(() -> route.clientCount() == 1);

            await().atMost(Duration.ofSeconds(5)).until(() -> healthy.on("telemetry").size() == last);
            List<Long> seqs = new ArrayList<>();
            healthy.on("telemetry").forEach(m -> seqs.add(m.path("data").path("seq").asLong()));
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= last; s++) {
                expected.add(s);
            }
            assertThat(seqs).isEqualTo(expected);
            assertThat(healthy.on("jobs")).hasSize((int) (last - 5));
            assertThat(healthy.closeCode).isEqualTo(-1);
        }
        socket.abort();
    }

    private void publishSweep(long seq, Map<String, Object> byName) {
        List<Object> instances = new ArrayList<>();
        byName.forEach((name, cpu) -> instances.add(Map.of("name", name, "cpuPercent", cpu, "memoryBytes", 1024)));
        bus.publish(AxionEvent.of("telemetry", "usage", Map.of("node", "n1", "host", "h1", "seq", seq,
                "instances", instances)));
    }

    @Test
    void aClientGetsAFullFrameFirstThenDeltasThatRebuildEveryFrame() {
        Collector collector = new Collector();
        WebSocket socket = connect(collector);
        Map<String, Object> truth = new java.util.TreeMap<>();
        for (int i = 0; i < 20; i++) {
            truth.put("i" + i, 0.0);
        }
        int sweeps = EventClient.FULL_FRAME_EVERY + 5;
        List<Map<String, Object>> expected = new ArrayList<>();
        for (long seq = 1; seq <= sweeps; seq++) {
            truth.put("i" + (seq % 20), (double) seq); // one instance changes a sweep
            if (seq == 10) {
                truth.remove("i15");
            }
            expected.add(new java.util.TreeMap<>(truth));
            publishSweep(seq, truth);
            long sent = seq;
            await().atMost(Duration.ofSeconds(5)).until(() -> collector.on("telemetry").size() == sent);
        }
        List<JsonNode> frames = collector.on("telemetry");
        assertThat(frames.get(0).path("data").has("delta")).as("the first frame is full").isFalse();
        Map<String, Double> rebuilt = new java.util.TreeMap<>();
        int fulls = 0;
        for (int i = 0; i < frames.size(); i++) {
            JsonNode data = frames.get(i).path("data");
            assertThat(data.path("seq").asLong()).isEqualTo(i + 1);
            if (data.path("delta").asBoolean()) {
                assertThat(data.path("baseSeq").asLong()).isEqualTo(i);
                assertThat(data.path("instances").size()).isLessThanOrEqualTo(1);
                data.path("gone").forEach(name -> rebuilt.remove(name.asText()));
            } else {
                fulls++;
                rebuilt.clear();
            }
            data.path("instances").forEach(u -> rebuilt.put(u.path("name").asText(), u.path("cpuPercent").asDouble()));
            assertThat(rebuilt).as("the state after seq " + (i + 1)).isEqualTo(expected.get(i));
        }
        assertThat(fulls).as("the first, and one periodic full frame").isEqualTo(2);
        socket.abort();
    }
}
