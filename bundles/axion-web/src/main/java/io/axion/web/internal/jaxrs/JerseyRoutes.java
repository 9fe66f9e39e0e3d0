package io.axion.web.internal.jaxrs;

import io.axion.api.auth.Authenticator;
import io.axion.api.web.PeerOrigins;
import io.axion.api.web.RestProvider;
import io.axion.api.web.RestResource;
import io.axion.web.internal.console.ConsoleResource;
import io.axion.web.internal.openapi.OpenApiResource;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.internal.RuntimeDelegateImpl;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST whiteboard: serves every {@link RestResource} and {@link RestProvider} service and reloads Jersey when
 * one comes or goes, so installing or removing a feature changes the routes without restarting the server, and
 * without failing the requests that are being served meanwhile ({@link SwappableJersey}).
 */
@Component(service = JerseyRoutes.class)
public class JerseyRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(JerseyRoutes.class);
    /** Many services arrive together while features install: one reload serves them all. */
    private static final long RELOAD_DEBOUNCE_MS = 250;

    private final List<RestResource> resources = new CopyOnWriteArrayList<>();
    private final List<RestProvider> providers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "axion-jersey-reload");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Authenticator authenticator;
    private volatile PeerOrigins peerOrigins;
    private volatile SwappableJersey servlet;
    private ScheduledFuture<?> pendingReload;
    private OpenApiResource openApi;

    @Reference
    private ConsoleResource console;

    @Activate
    void activate(org.osgi.framework.BundleContext context) {
        openApi = new OpenApiResource(context.getBundle().getVersion().toString());
        // JAX-RS finds its runtime through the context class loader and META-INF/services, which bundles cannot
        // see across each other: name Jersey's own implementation outright.
        RuntimeDelegate.setInstance(new RuntimeDelegateImpl());
        servlet = new SwappableJersey(this::configuration);
    }

    @Deactivate
    synchronized void deactivate() {
        reloader.shutdownNow();
    }

    /** The servlet that serves the current routes; Jetty initialises it, and each reload swaps what it serves. */
    public HttpServlet servlet() {
        return servlet;
    }

    /**
     * The routes ({@code GET /api/v1/jobs}) of the application serving requests right now: a route is in it only
     * once the application that answers it has started.
     */
    public Set<String> servedRoutes() {
        return servlet.servedRoutes();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResource(RestResource resource) {
        resources.add(resource);
        scheduleReload();
    }

    void removeResource(RestResource resource) {
        resources.remove(resource);
        scheduleReload();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(RestProvider provider) {
        providers.add(provider);
        scheduleReload();
    }

    void removeProvider(RestProvider provider) {
        providers.remove(provider);
        scheduleReload();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    void unbindAuthenticator(Authenticator authenticator) {
        if (this.authenticator == authenticator) {
            this.authenticator = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPeerOrigins(PeerOrigins origins) {
        this.peerOrigins = origins;
    }

    void unbindPeerOrigins(PeerOrigins origins) {
        if (this.peerOrigins == origins) {
            this.peerOrigins = null;
        }
    }

    private Set<String> peers() {
        PeerOrigins current = peerOrigins;
        return current == null ? Set.of() : current.origins();
    }

    private synchronized void scheduleReload() {
        if (servlet == null || reloader.isShutdown()) {
            return;
        }
        if (pendingReload != null) {
            pendingReload.cancel(false);
        }
        pendingReload = reloader.schedule(this::reload, RELOAD_DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }

    private void reload() {
        SwappableJersey current = servlet;
        if (current == null) {
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ServletContainer.class.getClassLoader());
        try {
            long started = System.nanoTime();
            current.swap(configuration());
            LOG.info("Routes reloaded: {} resources, {} providers in {} ms", resources.size(), providers.size(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (ServletException | RuntimeException e) {
            LOG.error("Reloading the routes failed", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private ResourceConfig configuration() {
        ResourceConfig config = new ResourceConfig();
        config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        config.register(JsonProvider.create());
        for (Object mapper : ProblemMappers.all()) {
            config.register(mapper);
        }
        config.register(new SecureByDefault(() -> Optional.ofNullable(authenticator)));
        config.register(RolesAllowedDynamicFeature.class);
        config.register(new SecurityHeaders(this::peers));
        config.register(new CrossNodeRequests(this::peers));
        config.register(console);
        config.register(openApi);
        resources.forEach(config::register);
        providers.forEach(config::register);
        return config;
    }
}
