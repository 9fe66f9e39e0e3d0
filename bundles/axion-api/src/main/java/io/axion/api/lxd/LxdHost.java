package io.axion.api.lxd;

/**
 * The LXD of one host, scoped to the project Axion works in there. Every node holds one per host (see
 * {@link io.axion.api.host.HostService#lxd}); the event stream of a host runs only while someone subscribes, which
 * is its owner.
 */
public interface LxdHost {

    /** The Axion host's name. */
    String host();

    LxdInstances instances();

    LxdSnapshots snapshots();

    /** Backups; a host without them (a test double) throws {@link UnsupportedOperationException}. */
    default LxdBackups backups() {
        throw new UnsupportedOperationException("backups are not supported by host " + host());
    }

    /** The managed bridge; a host without it (a test double) throws {@link UnsupportedOperationException}. */
    default LxdNetworks networks() {
        throw new UnsupportedOperationException("networks are not supported by host " + host());
    }

    LxdFiles files();

    LxdExec exec();

    LxdForwards forwards();

    LxdImages images();

    LxdServer server();

    LxdEvents events();

    LxdStatus status();
}
