package io.axion.telemetry.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.event.EventChannels;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Which channels a client wants: all of them until it sends {@code {"subscribe": [...]}}. */
final class Channels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Channels() {
    }

    /**
     * The channels named by a client message {@code {"subscribe": ["telemetry", "jobs"]}}; unknown names are ignored.
     * Empty when the message is not a subscription.
     */
    static Optional<Set<String>> fromMessage(String text) {
        try {
            JsonNode subscribe = JSON.readTree(text).path("subscribe");
            if (!subscribe.isArray()) {
                return Optional.empty();
            }
            Set<String> channels = new LinkedHashSet<>();
            subscribe.forEach(name -> {
                if (EventChannels.ALL.contains(name.asText())) {
                    channels.add(name.asText());
                }
            });
            return Optional.of(Set.copyOf(channels));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code ?channels=jobs,instances} on the upgrade; all channels when absent. */
    static Set<String> fromQuery(String value) {
        if (value == null || value.isBlank()) {
            return EventChannels.ALL;
        }
        Set<String> channels = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            if (EventChannels.ALL.contains(name.trim())) {
                channels.add(name.trim());
            }
        }
        return Set.copyOf(channels);
    }
}
