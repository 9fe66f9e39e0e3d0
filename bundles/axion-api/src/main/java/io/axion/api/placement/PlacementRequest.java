package io.axion.api.placement;

import java.util.Map;
import java.util.Objects;

/**
 * One instance to place.
 *
 * @param instance  the instance's name
 * @param user      who asked (a scheduler may share fairly between users)
 * @param cpu       cores wanted
 * @param memoryMiB memory wanted
 * @param diskGiB   root disk wanted, or null for the pool's default
 * @param host      the host the caller named, or null to let the policy choose
 * @param options   the create request's other fields, as JSON values, for policies that read more than the above
 *                  (such as {@code cpuPolicy}, {@code numa}, {@code gpus}); unknown ones are ignored
 */
public record PlacementRequest(String instance, String user, int cpu, long memoryMiB, Integer diskGiB, String host,
                               Map<String, Object> options) {

    public PlacementRequest {
        Objects.requireNonNull(instance, "instance");
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
