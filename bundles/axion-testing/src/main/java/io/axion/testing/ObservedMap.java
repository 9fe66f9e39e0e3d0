package io.axion.testing;

import io.axion.api.cluster.SharedMapListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A concurrent map that tells listeners of each change, as a Hazelcast map's entry listeners are told. The
 * compute and merge family is refused rather than left silent: Axion's code changes shared maps only with the
 * atomic single-entry operations Hazelcast offers.
 */
final class ObservedMap extends ConcurrentHashMap<String, String> {
    private final CopyOnWriteArrayList<SharedMapListener> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable listen(SharedMapListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public String put(String key, String value) {
        String before = super.put(key, value);
        updated(key, value);
        return before;
    }

    @Override
    public String putIfAbsent(String key, String value) {
        String held = super.putIfAbsent(key, value);
        if (held == null) {
            updated(key, value);
        }
        return held;
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> entries) {
        entries.forEach(this::put);
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        boolean replaced = super.replace(key, expected, value);
        if (replaced) {
            updated(key, value);
        }
        return replaced;
    }

    @Override
    public String replace(String key, String value) {
        String before = super.replace(key, value);
        if (before != null) {
            updated(key, value);
        }
        return before;
    }

    @Override
    public String remove(Object key) {
        String before = super.remove(key);
        if (before != null) {
            removed((String) key);
        }
        return before;
    }

    @Override
    public boolean remove(Object key, Object value) {
        boolean removed = super.remove(key, value);
        if (removed) {
            removed((String) key);
        }
        return removed;
    }

    @Override
    public void clear() {
        keySet().forEach(this::remove);
    }

    @Override
    public String compute(String key, BiFunction<? super String, ? super String, ? extends String> remapping) {
        throw new UnsupportedOperationException("shared maps change by single-entry operations only");
    }

    @Override
    public String computeIfAbsent(String key, Function<? super String, ? extends String> mapping) {
        throw new UnsupportedOperationException("shared maps change by single-entry operations only");
    }

    @Override
    public String computeIfPresent(String key, BiFunction<? super String, ? super String, ? extends String> remapping) {
        throw new UnsupportedOperationException("shared maps change by single-entry operations only");
    }

    @Override
    public String merge(String key, String value, BiFunction<? super String, ? super String, ? extends String> remapping) {
        throw new UnsupportedOperationException("shared maps change by single-entry operations only");
    }

    private void updated(String key, String value) {
        listeners.forEach(listener -> listener.entryUpdated(key, value));
    }

    private void removed(String key) {
        listeners.forEach(listener -> listener.entryRemoved(key));
    }
}
