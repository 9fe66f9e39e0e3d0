package io.axion.bench.telemetry;

import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventChannels;
import io.axion.api.telemetry.InstanceUsage;
import io.axion.telemetry.internal.events.EventsRoute;
import io.axion.telemetry.internal.events.EventsSettings;
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

/**
 * Delivery lag of {@code /ws/events}: the production route behind Jetty's real WebSocket server, N clients (the JDK's
 * WebSocket client, in the same JVM, so the clients' work competes for the same cores) and one telemetry frame per
 * second for M instances, plus a few job events. Lag = when a client has the whole frame minus when it was published
 * on the bus.
 */
public final class EventsBench {

    private EventsBench() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 200);
        int instances = Integer.getInteger("bench.telemetryInstances", 500);
        int seconds = Integer.getInteger("bench.eventSeconds", 30);
        LocalEventBus bus = new LocalEventBus();
        EventsRoute route = new EventsRoute(bus, new EventsSettings(1000, 2, Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
        Map<Long, Long> publishedAt = new ConcurrentHashMap<>();
        List<long[]> lags = new ArrayList<>();
        LongAdder frames = new LongAdder();
        LongAdder jobFrames = new LongAdder();
        try (JettyRouteServer server = new JettyRouteServer(route)) {
            HttpClient http = HttpClient.newHttpClient();
            List<WebSocket> sockets = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                long[] clientLags = new long[seconds + 8];
                lags.add(clientLags);
                sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port()
                        + "/ws/events"), new LagListener(publishedAt, clientLags, frames, jobFrames)).get(10, TimeUnit.SECONDS));
            }
            while (route.clientCount() < clients) {
                Thread.sleep(10);
            }
            String sample = frame(instances, 0).toString();
            System.out.printf("Axion /ws/events benchmark: %d cores, %d clients, %d instances per telemetry frame "
                    + "(~%d KB of JSON), 1 frame/s + 5 job events/s for %d s%n", Runtime.getRuntime().availableProcessors(),
                    clients, instances, sample.length() / 1024, seconds);
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            for (long seq = 1; seq <= seconds; seq++) {
                long due = wallBefore + TimeUnit.SECONDS.toNanos(seq - 1);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Map<String, Object> data = frame(instances, seq);
                publishedAt.put(seq, System.nanoTime());
                bus.publish(new AxionEvent(EventChannels.TELEMETRY, "usage", data, Instant.now()));
                for (int j = 0; j < 5; j++) {
                    bus.publish(AxionEvent.of(EventChannels.JOBS, "job-updated", Map.of("id", "job-" + seq + "-" + j,
                            "type", "instance-start", "state", "COMPLETED", "instance", "bench-" + j)));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (frames.sum() < (long) clients * seconds && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long cpu = processCpuNanos() - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            report(lags, seconds, clients, frames.sum(), jobFrames.sum(), route, cpu, wall);
            sockets.forEach(WebSocket::abort);
        } finally {
            route.close();
        }
        System.exit(0);
    }

    private static void report(List<long[]> lags, int seconds, int clients, long received, long jobs, EventsRoute route,
                               long cpuNanos, long wallNanos) {
        long[] all = lags.stream().flatMapToLong(l -> Arrays.stream(l, 1, seconds + 1)).filter(v -> v > 0).sorted().toArray();
        System.out.printf("telemetry frames received %d of %d (dropped for slow clients: %d), job events %d of %d%n",
                received, (long) clients * seconds, route.droppedFrames(), jobs, (long) clients * seconds * 5);
        if (all.length == 0) {
            System.out.println("no lag samples");
            return;
        }
        System.out.printf("delivery lag: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n", all[all.length / 2] / 1e6,
                all[(int) Math.ceil(all.length * 0.99) - 1] / 1e6, all[all.length - 1] / 1e6, all.length);
        System.out.printf("process CPU over the run (server and %d clients together): %.0f%% of one core%n", clients,
                cpuNanos * 100.0 / wallNanos);
    }

    /** A telemetry frame's data as the sampler publishes it. */
    private static Map<String, Object> frame(int instances, long seq) {
        List<Object> usages = new ArrayList<>(instances);
        Instant now = Instant.now();
        for (int i = 0; i < instances; i++) {
            usages.add(new InstanceUsage("bench-instance-" + i, 12.3456 + i % 50, 3.0864 + i % 10, 0.12, 1 + i % 4,
                    1234.5678 + i, 123_456_789L + i, 268_435_456L, now).toJson());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", "bench");
        data.put("seq", seq);
        data.put("intervalMs", 1000);
        data.put("hostCpuThreads", 2);
        data.put("instances", usages);
        return data;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Records, per telemetry frame, how long after its publication the whole frame was here. */
    private static final class LagListener implements WebSocket.Listener {
        private final Map<Long, Long> publishedAt;
        private final long[] lags;
        private final LongAdder frames;
        private final LongAdder jobFrames;
        private final StringBuilder partial = new StringBuilder();

        LagListener(Map<Long, Long> publishedAt, long[] lags, LongAdder frames, LongAdder jobFrames) {
            this.publishedAt = publishedAt;
            this.lags = lags;
            this.frames = frames;
            this.jobFrames = jobFrames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"channel\":\"telemetry\"")) {
                    int at = text.indexOf("\"seq\":") + 6;
                    int end = at;
                    while (Character.isDigit(text.charAt(end))) {
                        end++;
                    }
                    long seq = Long.parseLong(text, at, end, 10);
                    Long published = publishedAt.get(seq);
                    if (published != null && seq < lags.length) {
                        lags[(int) seq] = now - published;
                    }
                    frames.increment();
                } else {
                    jobFrames.increment();
                }
            }
            socket.request(1);
            return null;
        }
    }
}
