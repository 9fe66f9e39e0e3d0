package io.axion.telemetry.internal.events;

import io.axion.telemetry.internal.TelemetryConfig;
import java.time.Duration;

/**
 * How {@code /ws/events} treats its clients.
 *
 * @param queueCapacity    job and instance events that may wait for one client before it is closed
 * @param telemetryBacklog telemetry frames that may wait for one client before the oldest is dropped
 * @param pingInterval     time between two pings to a client
 * @param stallTimeout     how long a frame may wait to be sent, or a ping for its pong, before the client is closed
 */
public record EventsSettings(int queueCapacity, int telemetryBacklog, Duration pingInterval, Duration stallTimeout) {

    static EventsSettings from(TelemetryConfig config) {
        return new EventsSettings(config.eventsQueueCapacity(), config.eventsTelemetryBacklog(),
                Duration.ofSeconds(Math.max(1, config.pingSeconds())), Duration.ofSeconds(Math.max(1, config.stallSeconds())));
    }
}
