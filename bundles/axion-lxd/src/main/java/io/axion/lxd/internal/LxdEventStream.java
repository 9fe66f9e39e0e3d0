package io.axion.lxd.internal;

import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.lxd.LxdEvent;
import io.axion.api.lxd.LxdEventListener;
import io.axion.api.lxd.LxdEvents;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Keeps a WebSocket on LXD's {@code /1.0/events} (lifecycle and operation events of Axion's project) open,
 * reconnecting with backoff, and hands each event to the subscribed listeners and to Axion's event bus when one
 * is present. After a reconnect, listeners are told to re-sync because events may have been missed.
 */
public final class LxdEventStream implements LxdEvents {
    private static final Logger LOG = LoggerFactory.getLogger(LxdEventStream.class);
    static final String RESYNC_TYPE = "instances-resync";
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final LxdConnection lxd;
    private final List<LxdEventListener> listeners = new CopyOnWriteArrayList<>();
    /** Delivers in arrival order without holding up Jetty's socket reader. */
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> daemon(r, "axion-lxd-events"));
    private final Thread connector;
    private volatile boolean running = true;
    private volatile boolean connected;
    private final String host;
    private final Supplier<EventBus> eventBus;
    private volatile Session current;
    /** A stream whose events reach only its subscribers (tests). */
    public LxdEventStream(LxdConnection lxd) {
        this(lxd, null, () -> null);
    }

    /**
     * @param host     the Axion host's name, added to the bus events
     * @param eventBus where instance lifecycle events are published too (may supply null)
     */
    public LxdEventStream(LxdConnection lxd, String host, Supplier<EventBus> eventBus) {
        this.lxd = lxd;
        this.host = host;
        this.eventBus = eventBus;
        this.connector = daemon(this::keepConnected, "axion-lxd-events-connector");
        connector.start();
    }

    @Override
    public Subscription subscribe(LxdEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean connected() {
        return connected;
    }
    public void close() {
        running = false;
        connected = false;
        connector.interrupt();
        Session session = current;
        if (session != null && session.isOpen()) {
            session.close();
        }
        delivery.shutdownNow();
    }

    private void keepConnected() {
        long backoff = FIRST_BACKOFF_MILLIS;
        boolean missedEvents = false;
        while (running) {
            EventSocket socket = new EventSocket(this);
            Session session = null;
            try {
                session = lxd.connectWebSocket("/1.0/events?type=lifecycle,operation", socket, "connect to LXD's events");
                current = session;
                if (!running) {
                    break;
                }
                connected = true;
                LOG.info("Listening to LXD events of project {}", lxd.project());
                if (missedEvents) {
                    delivery.execute(this::announceResync);
                }
                backoff = FIRST_BACKOFF_MILLIS;
                socket.awaitClosed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.debug("LXD event stream unavailable: {}", e.getMessage());
            } finally {
                if (session != null && session.isOpen()) {
                    session.close();
                }
            }
            if (!running) {
                break;
            }
            if (connected) {
                LOG.warn("LXD event stream lost; reconnecting");
                connected = false;
                lxd.suspectOutage();
            }
            missedEvents = true;
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
        connected = false;
    }

    /** Called by the socket for each text message. */
    void onMessage(String message) {
        Optional<LxdEvent> event;
        try {
            event = LxdJson.event(LxdConnection.JSON.readTree(message));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("Ignoring an unreadable LXD event: {}", e.getMessage());
            return;
        }
        event.ifPresent(e -> delivery.execute(() -> deliver(e)));
    }

    private void deliver(LxdEvent event) {
        for (LxdEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("LXD event listener {} failed", listener, e);
            }
        }
        EventBus bus = eventBus.get();
        if (bus != null) {
            busEvent(event, host).ifPresent(bus::publish);
        }
    }

    private void announceResync() {
        for (LxdEventListener listener : listeners) {
            try {
                listener.onResync();
            } catch (RuntimeException e) {
                LOG.warn("LXD event listener {} failed to re-sync", listener, e);
            }
        }
        EventBus bus = eventBus.get();
        if (bus != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("project", lxd.project());
            data.put("host", host);
            bus.publish(AxionEvent.of(EventChannels.INSTANCES, RESYNC_TYPE, data));
        }
    }

    /** Instance lifecycle events go on the bus as {@code instances}/{@code <action>} with {name, action, project, host}. */
    static Optional<AxionEvent> busEvent(LxdEvent event, String host) {
        if (event.kind() != LxdEvent.Kind.LIFECYCLE || event.instance() == null
                || !event.action().startsWith("instance-")) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", event.instance());
        data.put("action", event.action());
        data.put("project", event.project());
        data.put("host", host);
        return Optional.of(new AxionEvent(EventChannels.INSTANCES, event.action(), data, event.at()));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
