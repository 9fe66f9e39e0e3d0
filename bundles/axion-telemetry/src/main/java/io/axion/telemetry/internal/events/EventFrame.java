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
 * @param sweep     for a full telemetry frame: its host, its place in the fan-out and the smaller delta that may
 *                  stand for it (see {@link TelemetryDeltas}); null otherwise
 */
record EventFrame(String channel, String text, ByteBuffer utf8, boolean droppable, Sweep sweep) {
    private static final ObjectMapper JSON = new ObjectMapper();

    EventFrame(String channel, String text, boolean droppable) {
        this(channel, text, droppable, null);
    }

    EventFrame(String channel, String text, boolean droppable, Sweep sweep) {
        this(channel, text, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer(), droppable, sweep);
    }

    static EventFrame of(AxionEvent event) throws JsonProcessingException {
        return new EventFrame(event.channel(), textOf(event), EventChannels.TELEMETRY.equals(event.channel()));
    }

    /** The same frame, telling which delta may replace it for a client that already holds {@code sweep.baseId()}. */
    EventFrame withSweep(Sweep sweep) {
        return new EventFrame(channel, text, utf8, droppable, sweep);
    }

    static String textOf(AxionEvent event) throws JsonProcessingException {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("channel", event.channel());
        wire.put("type", event.type());
        wire.put("data", event.data());
        wire.put("at", event.at().toString());
        return JSON.writeValueAsString(wire);
    }

    /**
     * @param host   the sampled host: deltas follow each other per host
     * @param id     this sweep's number in the route's fan-out (unique, increasing)
     * @param baseId the number of the sweep the delta is relative to; 0 when there is no delta
     * @param delta  the delta frame; null when there is none (the first sweep of a host for this audience)
     */
    record Sweep(String host, long id, long baseId, EventFrame delta) {
    }
}
