package io.axion.telemetry.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventChannels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as sent on {@code /ws/events}: the JSON text {@code {channel, type, data, at}}, written once and shared
 * by every client.
 *
 * @param droppable whether a slow client may miss it (telemetry: the next sweep supersedes it); job and instance
 *                  events are never dropped
 */
record EventFrame(String channel, String text, ByteBuffer utf8, boolean droppable) {
    private static final ObjectMapper JSON = new ObjectMapper();

    EventFrame(String channel, String text, boolean droppable) {
        this(channel, text, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer(), droppable);
    }

    static EventFrame of(AxionEvent event) throws JsonProcessingException {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("channel", event.channel());
        wire.put("type", event.type());
        wire.put("data", event.data());
        wire.put("at", event.at().toString());
        return new EventFrame(event.channel(), JSON.writeValueAsString(wire),
                EventChannels.TELEMETRY.equals(event.channel()));
    }
}
