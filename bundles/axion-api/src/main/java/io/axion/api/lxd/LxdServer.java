package io.axion.api.lxd;

/** Facts about the LXD host and Axion's place on it. */
public interface LxdServer {

    /** The host's CPU and memory (LXD's resources API; cached briefly by the driver). */
    ServerResources resources();

    /** The LXD project Axion works in. */
    String project();
}
