package io.axion.telemetry.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventChannels;
import io.axion.api.tenant.TenantService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One event as each tenant may see it on {@code /ws/events}: an instance event only for the instance's tenant, a job
 * event only for its instance's tenant, a telemetry frame with only that tenant's instances. A job whose instance the
 * view does not know (yet, or any more) is sent to no tenant: it could be anyone's. Frames are made once per tenant
 * per event, whatever the number of clients.
 */
final class TenantFrames {
    private final AxionEvent event;
    private final EventFrame whole;
    private final Function<String, Optional<String>> tenantOf;
    private final Map<String, Optional<EventFrame>> byTenant = new HashMap<>();
    private final TelemetryDeltas deltas;
    private final long id;
    private EventFrame wholeWithDelta;

    /** @param tenantOf an instance's tenant, by name; empty when unknown */
    TenantFrames(AxionEvent event, EventFrame whole, Function<String, Optional<String>> tenantOf) {
        this(event, whole, tenantOf, null, 0);
    }

    /**
     * @param deltas where telemetry frames' deltas are made (null: full frames only)
     * @param id     this event's number in the fan-out
     */
    TenantFrames(AxionEvent event, EventFrame whole, Function<String, Optional<String>> tenantOf,
                 TelemetryDeltas deltas, long id) {
        this.event = event;
        this.whole = whole;
        this.tenantOf = tenantOf;
        this.deltas = deltas;
        this.id = id;
    }

    /** The frame for {@code tenant}'s clients (null tenant: a client that sees everything); empty for none. */
    Optional<EventFrame> forTenant(String tenant) {
        if (tenant == null) {
            if (wholeWithDelta == null) {
                wholeWithDelta = withDelta(null, whole, event.data());
            }
            return Optional.of(wholeWithDelta);
        }
        return byTenant.computeIfAbsent(tenant, this::make);
    }

    /** A telemetry frame with the delta against the audience's previous frame of its host; others as they are. */
    private EventFrame withDelta(String audience, EventFrame full, Map<String, Object> data) {
        if (deltas == null || !EventChannels.TELEMETRY.equals(event.channel()) || data == null
                || !(data.get("host") instanceof String host)) {
            return full;
        }
        TelemetryDeltas.Delta delta = deltas.next(audience, id, data);
        EventFrame deltaFrame = null;
        if (delta.data() != null) {
            try {
                deltaFrame = new EventFrame(event.channel(), EventFrame.textOf(
                        new AxionEvent(event.channel(), event.type(), delta.data(), event.at())), true);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A telemetry delta is not JSON", e);
            }
        }
        return full.withSweep(new EventFrame.Sweep(host, id, delta.baseId(), deltaFrame));
    }

    private Optional<EventFrame> make(String tenant) {
        Map<String, Object> data = event.data();
        switch (event.channel()) {
            case EventChannels.INSTANCES -> {
                Object owner = data == null ? null : data.get("tenant");
                return tenant.equals(owner == null ? TenantService.DEFAULT : owner) ? Optional.of(whole)
                        : Optional.empty();
            }
            case EventChannels.JOBS -> {
                Object instance = data == null ? null : data.get("instance");
                boolean ours = instance instanceof String name && tenantOf.apply(name).filter(tenant::equals)
                        .isPresent();
                return ours ? Optional.of(whole) : Optional.empty();
            }
            case EventChannels.TELEMETRY -> {
                return Optional.of(telemetryOf(tenant, data));
            }
            default -> {
                return Optional.of(whole);
            }
        }
    }

    private EventFrame telemetryOf(String tenant, Map<String, Object> data) {
        Map<String, Object> filtered = new LinkedHashMap<>(data == null ? Map.of() : data);
        List<Object> kept = new ArrayList<>();
        if (filtered.get("instances") instanceof List<?> instances) {
            for (Object usage : instances) {
                if (usage instanceof Map<?, ?> map && map.get("name") instanceof String name
                        && tenantOf.apply(name).filter(tenant::equals).isPresent()) {
                    kept.add(usage);
                }
            }
        }
        filtered.put("instances", kept);
        try {
            return withDelta(tenant, EventFrame.of(new AxionEvent(event.channel(), event.type(), filtered, event.at())),
                    filtered);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A filtered telemetry frame is not JSON", e);
        }
    }
}
