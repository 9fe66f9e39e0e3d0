package io.axion.lxd.internal;

import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventListener;
import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.LxdEvent;
import io.axion.api.lxd.LxdEventListener;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class LxdEventsIT extends LxdProjectSupport {
    private static final Logger LOG = LoggerFactory.getLogger(LxdEventsIT.class);

    @Test
    void startAndStopArriveOnTheBusWithinASecond() {
        RecordingBus bus = new RecordingBus();
        List<LxdEvent> heard = new CopyOnWriteArrayList<>();
        LxdEventStream stream = new LxdEventStream(lxd, "it", () -> bus);
        LxdEventListener listener = heard::add;
        try (var subscription = stream.subscribe(listener)) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(stream::connected);
            String name = uniqueName("events");
            instances.create(InstanceSpec.of(name, BUSYBOX).withStart(false));

            instances.start(name);
            long started = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> bus.has("instance-started", name));
            LOG.info("instance-started on the bus {} ms after start() returned", (System.nanoTime() - started) / 1_000_000);

            instances.stop(name, true, null);
            long stopped = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> bus.has("instance-stopped", name));
            LOG.info("instance-stopped on the bus {} ms after stop() returned", (System.nanoTime() - stopped) / 1_000_000);

            AxionEvent event = bus.events.stream().filter(e -> e.type().equals("instance-started")).findFirst().orElseThrow();
            assertThat(event.channel()).isEqualTo("instances");
            assertThat(event.data()).containsEntry("name", name).containsEntry("action", "instance-started")
                    .containsEntry("project", project);
            assertThat(heard).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo(LxdEvent.Kind.OPERATION);
                assertThat(e.instance()).isEqualTo(name);
            });
            assertThat(heard).anySatisfy(e -> assertThat(e.action()).isEqualTo("instance-created"));
        } finally {
            stream.close();
        }
        assertThat(stream.connected()).isFalse();
    }

    /** Axion's bus, in memory: what the driver publishes. */
    static final class RecordingBus implements EventBus {
        final List<AxionEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void publish(AxionEvent event) {
            events.add(event);
        }

        @Override
        public Subscription subscribe(Set<String> channels, EventListener listener) {
            throw new UnsupportedOperationException();
        }

        boolean has(String type, String name) {
            return events.stream().anyMatch(e -> e.type().equals(type) && name.equals(e.data().get("name")));
        }
    }
}
