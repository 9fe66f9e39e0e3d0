package io.axion.instances.internal;

import io.axion.api.lxd.LxdEvent;
import io.axion.api.lxd.LxdEventListener;
import io.axion.api.lxd.LxdEvents;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event stream the test drives. */
final class FakeEvents implements LxdEvents {
    final List<LxdEventListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Subscription subscribe(LxdEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean connected() {
        return true;
    }

    void lifecycle(String action, String instance) {
        LxdEvent event = new LxdEvent(LxdEvent.Kind.LIFECYCLE, action, instance, "p", Instant.now());
        listeners.forEach(l -> l.onEvent(event));
    }

    void resync() {
        listeners.forEach(LxdEventListener::onResync);
    }
}
