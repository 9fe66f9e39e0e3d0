package io.axion.api.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One message on Axion's event bus, as delivered on {@code /ws/events}: {@code {channel, type, data, at}}.
 * {@code data} holds only JSON-compatible values (maps, lists, strings, numbers, booleans, null) so that an
 * event can cross cluster members and reach browsers unchanged.
 */
public record AxionEvent(String channel, String type, Map<String, Object> data, Instant at) {

    public AxionEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(type, "type");
        data = data == null ? Map.of() : data;
        at = at == null ? Instant.now() : at;
    }

    public static AxionEvent of(String channel, String type, Map<String, Object> data) {
        return new AxionEvent(channel, type, data, Instant.now());
    }
}
