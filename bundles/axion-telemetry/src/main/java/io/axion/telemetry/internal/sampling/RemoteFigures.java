package io.axion.telemetry.internal.sampling;

import io.axion.api.telemetry.InstanceUsage;
import io.axion.api.telemetry.IoRates;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest figures other nodes published for their hosts, read back from their telemetry events. A host whose
 * owner stopped publishing (it died, or gave the host to this node) drops out after a few seconds.
 */
final class RemoteFigures {
    private static final Duration STALE = Duration.ofSeconds(5);

    private record HostFrame(Instant at, Map<String, InstanceUsage> usages) {
    }

    private final Map<String, HostFrame> frames = new ConcurrentHashMap<>();

    void frame(String host, Map<String, Object> data, Instant at) {
        Object instances = data.get("instances");
        if (!(instances instanceof List<?> list)) {
            return;
        }
        Map<String, InstanceUsage> usages = new HashMap<>(list.size() * 2);
        for (Object item : list) {
            if (item instanceof Map<?, ?> json && json.get("name") instanceof String name) {
                usages.put(name, usage(name, json, at));
            }
        }
        frames.put(host, new HostFrame(at, usages));
    }

    /** Every fresh figure, except those of hosts this node samples itself. */
    Map<String, InstanceUsage> latest(Set<String> ownHosts) {
        Instant oldest = Instant.now().minus(STALE);
        Map<String, InstanceUsage> all = new HashMap<>();
        frames.forEach((host, frame) -> {
            if (!ownHosts.contains(host) && frame.at().isAfter(oldest)) {
                all.putAll(frame.usages());
            }
        });
        return all;
    }

    /** One instance's fresh figure from another node's host, if any. */
    Optional<InstanceUsage> latest(String instance, Set<String> ownHosts) {
        Instant oldest = Instant.now().minus(STALE);
        for (Map.Entry<String, HostFrame> entry : frames.entrySet()) {
            HostFrame frame = entry.getValue();
            InstanceUsage usage = frame.usages().get(instance);
            if (usage != null && !ownHosts.contains(entry.getKey()) && frame.at().isAfter(oldest)) {
                return Optional.of(usage);
            }
        }
        return Optional.empty();
    }

    private static InstanceUsage usage(String name, Map<?, ?> json, Instant at) {
        Double cpuPercent = number(json.get("cpuPercent"));
        Integer limit = json.get("cpuLimit") instanceof Number n ? n.intValue() : null;
        Double ofHost = number(json.get("cpuPercentOfHost"));
        Double cores = number(json.get("cpuCores"));
        Number seconds = json.get("cpuSeconds") instanceof Number n ? n : 0;
        Number memory = json.get("memoryBytes") instanceof Number n ? n : 0;
        Long memoryLimit = json.get("memoryLimitBytes") instanceof Number n ? n.longValue() : null;
        IoRates io = new IoRates(number(json.get("diskReadBytesPerSecond")), number(json.get("diskWriteBytesPerSecond")),
                number(json.get("netRxBytesPerSecond")), number(json.get("netTxBytesPerSecond")));
        return new InstanceUsage(name, cpuPercent, ofHost, cores, limit, seconds.doubleValue(), memory.longValue(),
                memoryLimit, at, io);
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
