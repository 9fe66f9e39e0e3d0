package io.axion.hosts.internal;

import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.host.Host;
import io.axion.api.host.HostEvents;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Events of the {@code cluster} channel, for the console's Cluster page and anyone on {@code /ws/events}. */
final class HostEventsPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(HostEventsPublisher.class);

    private final Supplier<EventBus> bus;
    private final Function<String, Optional<Host>> hosts;

    HostEventsPublisher(Supplier<EventBus> bus, Function<String, Optional<Host>> hosts) {
        this.bus = bus;
        this.hosts = hosts;
    }

    void hostUpdated(String host) {
        hosts.apply(host).ifPresent(h -> publish(HostEvents.HOST_UPDATED, h.toJson()));
    }

    void hostRemoved(String host) {
        publish(HostEvents.HOST_REMOVED, Map.of("name", host));
    }

    void nodeJoined(String node) {
        publish(HostEvents.NODE_JOINED, Map.of("node", node));
    }

    void nodeLeft(String node) {
        publish(HostEvents.NODE_LEFT, Map.of("node", node));
    }

    private void publish(String type, Map<String, Object> data) {
        EventBus target = bus.get();
        if (target == null) {
            return;
        }
        try {
            target.publish(AxionEvent.of(EventChannels.CLUSTER, type, data));
        } catch (RuntimeException e) {
            LOG.debug("Publishing {} failed: {}", type, e.toString());
        }
    }
}
