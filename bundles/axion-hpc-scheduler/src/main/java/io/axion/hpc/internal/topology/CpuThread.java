package io.axion.hpc.internal.topology;

/**
 * One hardware thread: what LXD's {@code limits.cpu} counts and pins.
 *
 * @param id       the real CPU id (what goes into a CPU set such as {@code 2-3})
 * @param socket   its socket
 * @param core     its physical core within the socket
 * @param numaNode the NUMA node decisions use (the simulated one when the host's topology is simulated)
 */
public record CpuThread(int id, int socket, int core, int numaNode) {
}
