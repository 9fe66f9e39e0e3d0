package io.axion.jobs.internal;

import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every published event, in order, and delivers it to subscribers as the cluster's bus would. */
final class CapturingEventBus implements EventBus {
    final List<AxionEvent> events = new CopyOnWriteArrayList<>();
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(AxionEvent event) {
        events.add(event);
        listeners.forEach(l -> l.onEvent(event));
    }

    @Override
    public Subscription subscribe(Set<String> channels, EventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The states published for one job, in order. */
    List<Object> statesOf(String jobId) {
        return events.stream().filter(e -> jobId.equals(e.data().get("id"))).map(e -> e.data().get("state")).toList();
    }
}
