package io.axion.api.host;

/** A host as the cluster sees it right now. */
public enum HostState {
    /** Owned by a live node whose LXD connection answers. */
    ONLINE,
    /** Owned by a live node, but its LXD does not answer. */
    OFFLINE,
    /** No live node owns it yet (just added, or its owner died and no survivor has taken it over). */
    UNOWNED;

    public String label() {
        return name().toLowerCase();
    }
}
