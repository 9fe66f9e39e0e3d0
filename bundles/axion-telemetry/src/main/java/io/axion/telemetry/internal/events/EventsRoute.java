package io.axion.telemetry.internal.events;

import io.axion.api.AxionConstants;
import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.web.WebSocketRoute;
import io.axion.telemetry.internal.TelemetryConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.Optional;
import io.axion.api.error.AxionException;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/events}: every {@code telemetry}, {@code jobs} and {@code instances} event of the bus, as JSON text
 * {@code {channel, type, data, at}}, to every client that wants its channel. Each event is written to JSON once; a
 * single fan-out thread hands it to each client's own queue without waiting for any socket, and a watchdog pings
 * clients and closes those that stall.
 */
@Component(service = {WebSocketRoute.class, EventsRoute.class}, configurationPid = AxionConstants.PID_TELEMETRY,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class EventsRoute implements WebSocketRoute {
    private static final Logger LOG = LoggerFactory.getLogger(EventsRoute.class);
    private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final CopyOnWriteArrayList<EventClient> clients = new CopyOnWriteArrayList<>();
    private final LongAdder closedTooSlow = new LongAdder();
    private final LongAdder droppedByGone = new LongAdder();
    private volatile long lastFanOutNanos;
    /** Telemetry deltas and the fan-out's event numbers: touched by the fan-out thread only. */
    private final TelemetryDeltas deltas = new TelemetryDeltas();
    private long eventNumber;
    private final EventsSettings settings;
    private final EventBus.Subscription subscription;
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(daemon("axion-events-fanout"));
    private final ExecutorService pinger = Executors.newCachedThreadPool(daemon("axion-events-ping"));
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(daemon("axion-events-watchdog"));

    /** Optional: without tenants every client sees every event. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TenantService tenants;

    /** Optional: the tenant of a job's or a telemetry sample's instance. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstanceService instances;

    @Activate
    public EventsRoute(@Reference EventBus bus, TelemetryConfig config) {
        this(bus, EventsSettings.from(config));
    }

    /** Outside OSGi (tests, benchmarks). */
    public EventsRoute(EventBus bus, EventsSettings settings) {
        this.settings = settings;
        watchdog.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        subscription = bus.subscribe(EventChannels.ALL, this::onEvent);
    }

    @Deactivate
    public void close() {
        subscription.close();
        for (EventClient client : clients) {
            client.close(1001, "server shutting down");
        }
        fanOut.shutdownNow();
        watchdog.shutdownNow();
        pinger.shutdownNow();
    }

    @Override
    public String name() {
        return "events";
    }

    /**
     * A connection sees the events of the tenant it acts in: the API token's, else the {@code tenant} query
     * parameter's (a browser cannot set the {@code Axion-Tenant} header on an upgrade), else the user's own; a global
     * admin naming none sees everything. A tenant the user does not belong to closes the connection (1008).
     */
    @Override
    public Endpoint newEndpoint(AuthenticatedUser user, String argument, Map<String, String> query) {
        String tenant = null;
        TenantService service = tenants;
        if (service != null) {
            try {
                TenantScope scope = service.scopeOf(user.username(), user.role(),
                        user.tenant() != null ? user.tenant() : query.get("tenant"));
                tenant = scope.all() ? null : scope.tenant();
            } catch (AxionException refused) {
                return new RefusingEndpoint(refused.detail());
            }
        }
        return new EventsEndpoint(this, user.username(), tenant, Channels.fromQuery(query.get("channels")));
    }

    /** Closes at once: the upgrade named a tenant its user does not belong to. */
    private static final class RefusingEndpoint extends Endpoint {
        private final String reason;

        RefusingEndpoint(String reason) {
            this.reason = reason.length() > 120 ? reason.substring(0, 120) : reason;
        }

        @Override
        public void onOpen(Session session, jakarta.websocket.EndpointConfig config) {
            try {
                session.close(new jakarta.websocket.CloseReason(
                        jakarta.websocket.CloseReason.CloseCodes.VIOLATED_POLICY, reason));
            } catch (java.io.IOException e) {
                LOG.debug("Closing a refused /ws/events connection failed: {}", e.toString());
            }
        }
    }

    private Optional<String> tenantOf(String instance) {
        InstanceService service = instances;
        return service == null ? Optional.empty() : service.find(instance).map(Instance::tenant);
    }

    /** Hands an event to every client, off the bus's thread. */
    void onEvent(AxionEvent event) {
        fanOut.execute(() -> {
            EventFrame frame;
            try {
                frame = EventFrame.of(event);
            } catch (java.io.IOException e) {
                LOG.warn("Event {}/{} cannot be written as JSON: {}", event.channel(), event.type(), e.getMessage());
                return;
            }
            long started = System.nanoTime();
            TenantFrames perTenant = new TenantFrames(event, frame, this::tenantOf, deltas, ++eventNumber);
            for (EventClient client : clients) {
                perTenant.forTenant(client.tenant()).ifPresent(client::offer);
            }
            lastFanOutNanos = System.nanoTime() - started;
        });
    }

    EventClient newClient(Session session, String user, Set<String> channels) {
        return newClient(session, user, null, channels);
    }

    /** @param tenant the tenant whose events it gets; null for every event */
    EventClient newClient(Session session, String user, String tenant, Set<String> channels) {
        return new EventClient(session, user, tenant, channels,
                new OutboundQueue(settings.queueCapacity(), settings.telemetryBacklog()), closedTooSlow);
    }

    void register(EventClient client) {
        clients.add(client);
    }

    void unregister(EventClient client) {
        if (clients.remove(client)) {
            droppedByGone.add(client.dropped());
        }
    }

    /** Our pings and stall checks judge liveness; Jetty's idle timeout is only the last resort. */
    long idleTimeoutMillis() {
        return 2 * (settings.pingInterval().toMillis() + settings.stallTimeout().toMillis()) + 10_000;
    }

    /** Open connections. */
    public int clientCount() {
        return clients.size();
    }

    /** Telemetry frames dropped for slow clients, over the route's life. */
    public long droppedFrames() {
        long open = 0;
        for (EventClient client : clients) {
            open += client.dropped();
        }
        return open + droppedByGone.sum();
    }

    /** How long handing the latest event to every client took (writing it as JSON not included). */
    public long lastFanOutNanos() {
        return lastFanOutNanos;
    }

    /** Clients closed because they did not keep up. */
    public long closedTooSlow() {
        return closedTooSlow.sum();
    }

    private void watch() {
        long now = System.nanoTime();
        long ping = settings.pingInterval().toNanos();
        long stall = settings.stallTimeout().toNanos();
        for (EventClient client : clients) {
            try {
                client.watch(now, ping, stall, CLOSE_GRACE_NANOS, pinger);
            } catch (RuntimeException e) {
                LOG.debug("Watching an events client failed: {}", e.toString());
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
