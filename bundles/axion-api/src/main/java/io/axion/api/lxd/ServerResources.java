package io.axion.api.lxd;

/**
 * The LXD host's hardware, from LXD's resources API.
 *
 * @param cpuCores    physical cores (summed over sockets)
 * @param cpuThreads  hardware threads (what {@code limits.cpu} counts against)
 * @param memoryBytes total memory
 */
public record ServerResources(int cpuCores, int cpuThreads, long memoryBytes) {
}
