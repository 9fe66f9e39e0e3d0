package io.axion.jobs.internal;

import io.axion.api.job.JobHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Handlers by job type. When several handle one type, the first registered wins until it goes away. */
final class HandlerRegistry {
    private final Map<String, List<JobHandler>> byType = new ConcurrentHashMap<>();

    /** @return whether this is the first handler of the type (so jobs waiting for it may run now) */
    boolean add(String type, JobHandler handler) {
        List<JobHandler> handlers = byType.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
        handlers.add(handler);
        return handlers.get(0) == handler;
    }

    void remove(String type, JobHandler handler) {
        byType.computeIfPresent(type, (t, handlers) -> {
            handlers.remove(handler);
            return handlers.isEmpty() ? null : handlers;
        });
    }

    JobHandler find(String type) {
        List<JobHandler> handlers = byType.get(type);
        if (handlers == null) {
            return null;
        }
        try {
            return handlers.get(0);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    boolean has(String type) {
        return find(type) != null;
    }

    /** The types named by a handler's {@value JobHandler#TYPE_PROPERTY} service property. */
    static List<String> typesOf(Object property) {
        if (property instanceof String type) {
            return List.of(type);
        }
        if (property instanceof String[] types) {
            return List.of(types);
        }
        if (property instanceof java.util.Collection<?> types) {
            return types.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
