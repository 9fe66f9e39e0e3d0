package io.axion.cluster.internal;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.axion.api.cluster.SharedMapListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hazelcast's entry events of a shared map, as Axion's two-method listener sees them. */
final class SharedMapEvents implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
        EntryRemovedListener<String, String>, EntryExpiredListener<String, String>,
        EntryEvictedListener<String, String> {
    private static final Logger LOG = LoggerFactory.getLogger(SharedMapEvents.class);

    private final SharedMapListener listener;

    SharedMapEvents(SharedMapListener listener) {
        this.listener = listener;
    }

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
        updated(event);
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
        updated(event);
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
        removed(event);
    }

    @Override
    public void entryExpired(EntryEvent<String, String> event) {
        removed(event);
    }

    @Override
    public void entryEvicted(EntryEvent<String, String> event) {
        removed(event);
    }

    private void updated(EntryEvent<String, String> event) {
        try {
            listener.entryUpdated(event.getKey(), event.getValue());
        } catch (RuntimeException e) {
            LOG.warn("A shared map listener failed on {}", event.getKey(), e);
        }
    }

    private void removed(EntryEvent<String, String> event) {
        try {
            listener.entryRemoved(event.getKey());
        } catch (RuntimeException e) {
            LOG.warn("A shared map listener failed on {}", event.getKey(), e);
        }
    }
}
