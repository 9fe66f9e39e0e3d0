package io.axion.api.lxd;

/**
 * LXD's event stream (lifecycle and operation events of Axion's project), kept connected by the driver with
 * reconnects after failures. The driver also publishes instance lifecycle events on Axion's event bus (channel
 * {@code instances}, type = the action such as {@code instance-started}, data {@code {name, action, project}};
 * after a gap one {@code instances-resync} event with data {@code {project}}).
 */
public interface LxdEvents {

    /** @return a handle that stops delivery when closed */
    Subscription subscribe(LxdEventListener listener);

    /** Whether the event socket is connected right now. */
    boolean connected();

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
