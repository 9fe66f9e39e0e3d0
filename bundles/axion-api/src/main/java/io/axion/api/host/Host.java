package io.axion.api.host;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One LXD host of the cluster: its endpoint, the node that owns it now, and its capacity.
 *
 * @param home      the node that brought it (from its {@code AXION_HOSTS}); it owns the host whenever it is live
 * @param owner     the live node that runs the host's jobs, event stream and telemetry; null when unowned
 * @param since     when the current owner took it (or when it was added, while unowned)
 * @param capacity  the host's ceiling ({@link HostCapacity#NONE} until its owner has read LXD's resources)
 * @param allocated what the instances on it hold, and how many there are
 */
public record Host(String name, HostEndpoint endpoint, String home, String owner, HostState state, Instant since,
                   HostCapacity capacity, HostCapacity allocated) {

    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(state, "state");
        capacity = capacity == null ? HostCapacity.NONE : capacity;
        allocated = allocated == null ? HostCapacity.NONE : allocated;
    }

    /** The shape of {@code /api/v1/hosts} and the {@code hosts} of {@code /api/v1/cluster}: no secrets. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("owner", owner);
        json.put("state", state.label());
        json.put("since", since == null ? null : since.toString());
        json.put("home", home);
        json.put("url", endpoint.remote() ? endpoint.url() : null);
        json.put("socket", endpoint.remote() ? null : endpoint.socket());
        json.put("project", endpoint.project());
        json.put("capacity", amounts(capacity, false));
        json.put("allocated", amounts(allocated, true));
        return json;
    }

    private static Map<String, Object> amounts(HostCapacity amounts, boolean withCount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpu", amounts.cpu());
        json.put("memoryMiB", amounts.memoryMiB());
        if (withCount) {
            json.put("instances", amounts.instances());
        }
        return json;
    }
}
