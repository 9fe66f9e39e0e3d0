package io.axion.api.lxd;

/** Facts about the LXD host and Axion's place on it. */
public interface LxdServer {

    /** The host's CPU and memory (LXD's resources API; cached briefly by the driver). */
    ServerResources resources();

    /**
     * LXD's {@code /1.0/resources} metadata as JSON text, for readers that need more than {@link #resources()}
     * (sockets, cores, threads with their CPU ids, NUMA nodes, GPUs with their PCI addresses). Cached like it.
     */
    default String resourcesJson() {
        throw new UnsupportedOperationException("the raw resources are not available");
    }

    /** The LXD project Axion works in. */
    String project();
}
