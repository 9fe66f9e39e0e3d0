package io.axion.telemetry.internal.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns consecutive telemetry frames of one host into deltas: only the instances whose figures changed since the
 * previous frame (or that are new), plus the names of those that are gone. At a thousand mostly idle instances a
 * full frame is ~150 KiB a second per client, and 200 clients spent their time decoding it; most figures do not
 * change from one sweep to the next. Kept per audience (every event, or one tenant's), because a tenant's frame holds
 * only its instances and its delta must name only those.
 * <p>
 * Only the fan-out thread calls it.
 */
final class TelemetryDeltas {
    /** The previous frame's instances by name, and its sweep number, per audience and host. */
    private final Map<String, Previous> previous = new HashMap<>();

    private record Previous(long id, Object seq, Map<String, Object> byName) {
    }

    /** What {@link #next} made: the delta's data (null when there is no previous frame) and its base. */
    record Delta(Map<String, Object> data, long baseId) {
    }

    /**
     * Remembers this frame for the next call and returns its delta against the previous one of the same audience
     * and host.
     *
     * @param audience null for every event, else the tenant
     * @param id       this sweep's number (increasing)
     * @param data     the full frame's data: {@code host}, {@code seq}, {@code instances} and header fields
     */
    Delta next(String audience, long id, Map<String, Object> data) {
        Object host = data.get("host");
        String key = (audience == null ? "" : "t:" + audience) + "\u0000" + host;
        Map<String, Object> byName = byName(data.get("instances"));
        Previous before = previous.put(key, new Previous(id, data.get("seq"), byName));
        if (before == null) {
            return new Delta(null, 0);
        }
        List<Object> changed = new ArrayList<>();
        byName.forEach((name, usage) -> {
            if (!Objects.equals(before.byName().get(name), usage)) {
                changed.add(usage);
            }
        });
        List<String> gone = new ArrayList<>();
        for (String name : before.byName().keySet()) {
            if (!byName.containsKey(name)) {
                gone.add(name);
            }
        }
        Map<String, Object> delta = new LinkedHashMap<>(data);
        delta.remove("instances");
        delta.put("delta", true);
        delta.put("baseSeq", before.seq());
        delta.put("instances", changed);
        delta.put("gone", gone);
        return new Delta(delta, before.id());
    }

    private static Map<String, Object> byName(Object instances) {
        Map<String, Object> byName = new LinkedHashMap<>();
        if (instances instanceof List<?> list) {
            for (Object usage : list) {
                if (usage instanceof Map<?, ?> map && map.get("name") instanceof String name) {
                    byName.put(name, usage);
                }
            }
        }
        return byName;
    }
}
