package io.axion.api.event;

/** Receives events of the channels it subscribed to. Called on a bus thread: return quickly. */
@FunctionalInterface
public interface EventListener {
    void onEvent(AxionEvent event);
}
