package io.axion.hpc.internal.topology;

/**
 * A GPU as LXD's {@code gpu} device names it.
 *
 * @param pciAddress such as {@code 0000:01:00.0}
 * @param numaNode   the node it is attached to
 * @param simulated  made up by a simulated topology (no such device exists on the host)
 */
public record Gpu(String pciAddress, String vendor, String product, int numaNode, boolean simulated) {
}
