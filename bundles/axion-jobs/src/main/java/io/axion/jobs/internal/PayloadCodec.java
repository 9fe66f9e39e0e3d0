package io.axion.jobs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.error.ValidationException;
import java.util.Map;

/** Job payloads as JSON objects: what callers pass in, what is stored, what handlers read back. */
final class PayloadCodec {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private final ObjectMapper mapper = new ObjectMapper();

    /** A caller's payload (a map, a record, a bean) as stored: JSON text of an object; {@code null} is {@code {}}. */
    String toJson(Object payload) {
        if (payload == null) {
            return "{}";
        }
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ValidationException("payload", "cannot be written as JSON (" + e.getMessage() + ")");
        }
        if (!json.startsWith("{")) {
            throw new ValidationException("payload", "must be a JSON object, not " + json.charAt(0) + "…");
        }
        return json;
    }

    Map<String, Object> read(String json) {
        try {
            return json == null || json.isEmpty() ? Map.of() : mapper.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored job payload is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    <T> T convert(Map<String, Object> payload, Class<T> type) {
        return mapper.convertValue(payload, type);
    }
}
