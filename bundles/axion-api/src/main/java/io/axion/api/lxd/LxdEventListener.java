package io.axion.api.lxd;

/** Receives LXD events in arrival order, on the driver's event thread: return quickly. */
public interface LxdEventListener {

    void onEvent(LxdEvent event);

    /**
     * The event stream was interrupted and is back: events may have been missed, so re-read what you cache.
     * Also called once when the stream first connects after this listener subscribed while it was down.
     */
    default void onResync() {
    }
}
