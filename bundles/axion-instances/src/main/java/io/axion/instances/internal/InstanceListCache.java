package io.axion.instances.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.axion.api.instance.Instance;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps the latest list's JSON while the list (with its live usage) compares equal: the usage changes once a sweep,
 * the view when LXD reports a change, so between those every request gets the same bytes. Comparing a thousand
 * records costs a fraction of writing them.
 */
final class InstanceListCache {
    /** Configured like the web bundle's JSON provider (times as RFC 3339 text), so the bytes are the same. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private volatile SerializedInstances latest = new SerializedInstances(List.of(), "[]".getBytes(StandardCharsets.UTF_8));

    SerializedInstances serialized(List<Instance> now) {
        SerializedInstances cached = latest;
        if (cached.equals(now)) {
            return cached;
        }
        try {
            SerializedInstances fresh = new SerializedInstances(now, JSON.writeValueAsBytes(now));
            latest = fresh;
            return fresh;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
