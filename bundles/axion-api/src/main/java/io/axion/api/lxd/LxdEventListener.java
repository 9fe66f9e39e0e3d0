package io.axion.api.lxd;

/** Receives LXD events in arrival order, on the driver's event thread: return quickly. */
public interface LxdEventListener {

    void onEvent(LxdEvent event);

    /**
     * The event stream was interrupted (or its first connection attempts failed) and is connected now: events
     * may have been missed, so re-read what you cache.
     */
    default void onResync() {
    }
}
