package io.axion.telemetry.internal.events;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The endpoint of one {@code /ws/events} connection: wires the session to its {@link EventClient}. */
final class EventsEndpoint extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(EventsEndpoint.class);

    private final EventsRoute route;
    private final String user;
    private final String tenant;
    private final Set<String> channels;
    private volatile EventClient client;

    EventsEndpoint(EventsRoute route, String user, Set<String> channels) {
        this(route, user, null, channels);
    }

    /** @param tenant the tenant whose events it gets; null for every event */
    EventsEndpoint(EventsRoute route, String user, String tenant, Set<String> channels) {
        this.route = route;
        this.user = user;
        this.tenant = tenant;
        this.channels = channels;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // Our own pings and stall checks judge liveness; the idle timeout is only the last resort.
        session.setMaxIdleTimeout(route.idleTimeoutMillis());
        EventClient opened = route.newClient(session, user, tenant, channels);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) opened::onText);
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> opened.onPong());
        client = opened;
        route.register(opened);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        EventClient closed = client;
        if (closed != null) {
            closed.onClosed();
            route.unregister(closed);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("/ws/events of {} failed: {}", user, error.toString());
    }
}
