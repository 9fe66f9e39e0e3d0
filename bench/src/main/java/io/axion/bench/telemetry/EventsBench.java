package io.axion.bench.telemetry;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventChannels;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.telemetry.internal.events.EventsRoute;
import io.axion.telemetry.internal.events.EventsSettings;
import io.axion.testing.InMemoryEventBus;
import io.axion.testing.JettyRouteServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Delivery lag of {@code /ws/events}: the production route behind Jetty's real WebSocket server, N clients (the JDK's
 * WebSocket client, in the same JVM, so the clients' work competes for the same cores) and one telemetry frame per
 * second for M instances, plus a few job events. Lag = when a client has the whole frame minus when it was published
 * on the bus.
 */
public final class EventsBench {

    /** Frames sent while the JIT compiles the paths (the server's and the clients') are left out of the figures. */
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 10);
    
    private EventsBench() {
    }

    /** The JDK's client, a handful of sockets per HttpClient (one selector thread reads all of an HttpClient's). */
    private static final java.util.Map<Integer, HttpClient> HTTP = new ConcurrentHashMap<>();

    private static AutoCloseable jdkClient(int port, int index, LagRecorder recorder) throws Exception {
        HttpClient http = HTTP.computeIfAbsent(index / 10, k -> HttpClient.newHttpClient());
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/events"),
                new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            long now = System.nanoTime();
                            recorder.message(partial.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), now);
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        return socket::abort;
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 200);
        int instances = Integer.getInteger("bench.telemetryInstances", 500);
        int seconds = Integer.getInteger("bench.eventSeconds", 30);
        // The share of instances (percent) whose figures change from one sweep to the next: idle instances keep
        // theirs, and the route then sends them only in full frames (see TelemetryDeltas).
        int changing = Integer.getInteger("bench.changingPercent", 100);
        System.out.printf("instances whose figures change each sweep: %d%%%n", changing);
        InMemoryEventBus bus = new InMemoryEventBus();
        EventsRoute route = new EventsRoute(bus, new EventsSettings(1000, 2, Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
        Map<Long, Long> publishedAt = new ConcurrentHashMap<>();
        List<long[]> lags = new ArrayList<>();
        LongAdder frames = new LongAdder();
        LongAdder jobFrames = new LongAdder();
        List<Long> fanOut = new ArrayList<>();
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("axion-http");
        try (JettyRouteServer server = new JettyRouteServer(route, new AuthenticatedUser("bench", "viewer"), threads)) {
            String client = System.getProperty("bench.client", "raw");
            List<AutoCloseable> sockets = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                long[] clientLags = new long[seconds + 8];
                lags.add(clientLags);
                LagRecorder recorder = new LagRecorder(publishedAt, clientLags, frames, jobFrames);
                sockets.add(client.equals("jdk") ? jdkClient(server.port(), i, recorder)
                        : new RawFrameClient(server.port(), "/ws/events", (bytes, at) -> recorder.message(bytes, at)));
            }
            while (route.clientCount() < clients) {
                Thread.sleep(10);
            }
            String sample = frame(instances, 0, changing).toString();
            System.out.printf("Axion /ws/events benchmark: %d cores, %d %s clients, %d instances per telemetry frame "
                    + "(~%d KB of JSON), 1 frame/s + 5 job events/s for %d s, the first %d s not counted%n",
                    Runtime.getRuntime().availableProcessors(), clients, client, instances, sample.length() / 1024,
                    seconds, WARMUP_SECONDS);
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            for (long seq = 1; seq <= seconds; seq++) {
                long due = wallBefore + TimeUnit.SECONDS.toNanos(seq - 1);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Map<String, Object> data = frame(instances, seq, changing);
                publishedAt.put(seq, System.nanoTime());
                bus.publish(new AxionEvent(EventChannels.TELEMETRY, "usage", data, Instant.now()));
                if (seq > WARMUP_SECONDS + 1) {
                    fanOut.add(route.lastFanOutNanos()); // the previous telemetry frame's hand-over
                }
                for (int j = 0; j < 5; j++) {
                    bus.publish(AxionEvent.of(EventChannels.JOBS, "job-updated", Map.of("id", "job-" + seq + "-" + j,
                            "type", "instance-start", "state", "COMPLETED", "instance", "bench-" + j)));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((frames.sum() < (long) clients * seconds || jobFrames.sum() < (long) clients * seconds * 5)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long cpu = processCpuNanos() - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            report(lags, seconds, clients, frames.sum(), jobFrames.sum(), route, cpu, wall);
            System.out.printf("hand-over of one frame to all clients (fan-out thread, sends included): mean %.1f ms%n",
                    fanOut.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6);
            for (AutoCloseable socket : sockets) {
                socket.close();
            }
        } finally {
            route.close();
        }
        System.exit(0);
    }

    private static void report(List<long[]> lags, int seconds, int clients, long received, long jobs, EventsRoute route,
                               long cpuNanos, long wallNanos) {
        long[] all = lags.stream().flatMapToLong(l -> Arrays.stream(l, WARMUP_SECONDS + 1, seconds + 1)).filter(v -> v > 0)
                .sorted().toArray();
        System.out.printf("telemetry frames received %d of %d (dropped for slow clients: %d), job events %d of %d%n",
                received, (long) clients * seconds, route.droppedFrames(), jobs, (long) clients * seconds * 5);
        if (all.length == 0) {
            System.out.println("no lag samples");
            return;
        }
        System.out.printf("delivery lag: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n", all[all.length / 2] / 1e6,
                all[(int) Math.ceil(all.length * 0.99) - 1] / 1e6, all[all.length - 1] / 1e6, all.length);
        StringBuilder perSecond = new StringBuilder("per frame, p50/max ms:");
        for (int seq = WARMUP_SECONDS + 1; seq <= seconds; seq++) {
            final int s = seq;
            long[] frame = lags.stream().mapToLong(l -> l[s]).filter(v -> v > 0).sorted().toArray();
            if (frame.length > 0) {
                perSecond.append(String.format(" %d:%.0f/%.0f", seq, frame[frame.length / 2] / 1e6, frame[frame.length - 1] / 1e6));
            }
        }
        System.out.println(perSecond);
        System.out.printf("process CPU over the run (server and %d clients together): %.0f%% of one core%n", clients,
                cpuNanos * 100.0 / wallNanos);
    }

    /** A telemetry frame's data as the sampler publishes it; {@code changing}% of the instances' figures move. */
    private static Map<String, Object> frame(int instances, long seq, int changing) {
        List<Object> usages = new ArrayList<>(instances);
        Instant now = Instant.now();
        for (int i = 0; i < instances; i++) {
            double moved = i % 100 < changing ? seq * 0.01 : 0;
            usages.add(new InstanceUsage("bench-instance-" + i, 12.3456 + i % 50 + moved, 3.0864 + i % 10, 0.12,
                    1 + i % 4, 1234.5678 + i + moved, 123_456_789L + i, 268_435_456L, now).toJson());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", "bench");
        data.put("host", "bench-host");
        data.put("seq", seq);
        data.put("intervalMs", 1000);
        data.put("hostCpuThreads", 2);
        data.put("instances", usages);
        return data;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Records, per telemetry frame, how long after its publication the whole frame was at a client. */
    private static final class LagRecorder {
        private static final byte[] TELEMETRY = "{\"channel\":\"telemetry\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private static final byte[] SEQ = "\"seq\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final Map<Long, Long> publishedAt;
        private final long[] lags;
        private final LongAdder frames;
        private final LongAdder jobFrames;

        LagRecorder(Map<Long, Long> publishedAt, long[] lags, LongAdder frames, LongAdder jobFrames) {
            this.publishedAt = publishedAt;
            this.lags = lags;
            this.frames = frames;
            this.jobFrames = jobFrames;
        }

        void message(byte[] text, long receivedAt) {
            if (!startsWith(text, 0, TELEMETRY)) {
                jobFrames.increment();
                return;
            }
            int at = indexOf(text, SEQ) + SEQ.length;
            long seq = 0;
            while (text[at] >= '0' && text[at] <= '9') {
                seq = seq * 10 + (text[at++] - '0');
            }
            Long published = publishedAt.get(seq);
            if (published != null && seq < lags.length) {
                lags[(int) seq] = receivedAt - published;
            }
            frames.increment();
        }

        private static int indexOf(byte[] text, byte[] part) {
            for (int i = 0; i + part.length <= text.length; i++) {
                if (startsWith(text, i, part)) {
                    return i;
                }
            }
            throw new IllegalStateException("no seq");
        }

        private static boolean startsWith(byte[] text, int from, byte[] part) {
            if (from + part.length > text.length) {
                return false;
            }
            for (int i = 0; i < part.length; i++) {
                if (text[from + i] != part[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
