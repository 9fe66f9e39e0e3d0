package io.axion.bench.telemetry;

import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventListener;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The event bus of one node without Hazelcast: delivers on the publishing thread. */
final class LocalEventBus implements EventBus {
    private final CopyOnWriteArrayList<Sub> subs = new CopyOnWriteArrayList<>();

    @Override
    public void publish(AxionEvent event) {
        for (Sub sub : subs) {
            if (sub.channels.isEmpty() || sub.channels.contains(event.channel())) {
                sub.listener.onEvent(event);
            }
        }
    }

    @Override
    public Subscription subscribe(Set<String> channels, EventListener listener) {
        Sub sub = new Sub(Set.copyOf(channels), listener);
        subs.add(sub);
        return () -> subs.remove(sub);
    }

    private record Sub(Set<String> channels, EventListener listener) {
    }
}
