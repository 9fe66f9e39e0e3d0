package io.axion.api.lxd;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An instance as LXD describes it, without its runtime state (that is {@link InstanceState}, one call each).
 *
 * @param image     the image it was created from: the name Axion was asked for when Axion created it,
 *                  else LXD's base image fingerprint
 * @param cpu       {@code limits.cpu} as a count of cores, or the whole cores of a time allowance
 *                  ({@code limits.cpu.allowance: 200ms/100ms} is 2) when it has one: an instance confined to a
 *                  CPU set keeps its count there; null when unlimited
 * @param memoryMiB {@code limits.memory} in MiB; null when unlimited or given as a percentage
 * @param diskGiB   the root disk size in GiB; null when the pool's default applies
 * @param location  the LXD cluster member it runs on ({@code none} on a standalone LXD)
 * @param forwards  its proxy devices (port forwards)
 * @param config    its LXD configuration keys (without {@code volatile.*}), e.g. {@code limits.cpu}
 */
public record InstanceInfo(String name, InstanceStatus status, String image, Integer cpu, Long memoryMiB,
                           Long diskGiB, Instant createdAt, String location, List<ProxyForward> forwards,
                           Map<String, String> config) {

    public InstanceInfo {
        forwards = forwards == null ? List.of() : List.copyOf(forwards);
        config = config == null ? Map.of() : Map.copyOf(config);
    }
}
