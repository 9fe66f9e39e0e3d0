package io.axion.testing;

import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventListener;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event bus of a single member without Hazelcast: every subscriber of an event's channel gets it on the
 * publishing thread, which keeps the bus's contract (all members' events, in order per publisher) for one member.
 */
public final class InMemoryEventBus implements EventBus {
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
