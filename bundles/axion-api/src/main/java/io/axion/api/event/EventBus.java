package io.axion.api.event;

import java.util.Set;

/**
 * Publish/subscribe across the whole cluster. A listener receives every event published on its channels by any
 * member, including its own, in publication order per publisher.
 */
public interface EventBus {

    void publish(AxionEvent event);

    /**
     * @param channels the channels to receive; empty means all
     * @return a handle that stops delivery when closed
     */
    Subscription subscribe(Set<String> channels, EventListener listener);

    /** Stops delivery to a listener. Closing twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
