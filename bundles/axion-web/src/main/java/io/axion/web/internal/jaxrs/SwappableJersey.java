package io.axion.web.internal.jaxrs;

import io.axion.api.web.RestProvider;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.axion.web.internal.openapi.RouteNames;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The one servlet Jetty knows, in front of a Jersey application that is replaced whenever the routes change.
 * Jersey's own {@code reload} shuts the running application down under the requests it is serving (they fail with
 * "Request scope has been already shut down"); here a new application is built beside the old one, takes the next
 * requests, and the old one is destroyed only once its last request is done. Providers are shared by the
 * generations, which is why they read the peer address from a request property ({@link RestProvider#PEER_ADDRESS})
 * rather than from injected fields.
 */
final class SwappableJersey extends HttpServlet {
    /** One Jersey application and the requests inside it. */
    private static final class Generation {
        final ServletContainer container;
        /** What this application answers, read from the model Jersey built (readiness compares against it). */
        final Set<String> routes;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicBoolean destroyed = new AtomicBoolean();
        volatile boolean retired;

        Generation(ServletContainer container) {
            this.container = container;
            this.routes = Set.copyOf(RouteNames.of(container.getApplicationHandler().getInjectionManager()
                    .getInstance(ExtendedResourceContext.class).getResourceModel().getRootResources()));
        }

        /** Enters a request; false when this generation was retired meanwhile (the caller takes the next one). */
        boolean enter() {
            inFlight.incrementAndGet();
            if (retired) {
                leave();
                return false;
            }
            return true;
        }

        void leave() {
            if (inFlight.decrementAndGet() == 0 && retired) {
                destroy();
            }
        }

        void retire() {
            retired = true;
            if (inFlight.get() == 0) {
                destroy();
            }
        }

        private void destroy() {
            if (destroyed.compareAndSet(false, true)) {
                container.destroy();
            }
        }
    }

    private final Supplier<ResourceConfig> configuration;
    private volatile Generation current;

    SwappableJersey(Supplier<ResourceConfig> configuration) {
        this.configuration = configuration;
    }

    @Override
    public synchronized void init(ServletConfig config) throws ServletException {
        super.init(config);
        current = start(configuration.get());
    }

    /** Builds an application from {@code config} and sends every later request to it. */
    synchronized void swap(ResourceConfig config) throws ServletException {
        if (getServletConfig() == null) {
            return; // not started yet: init() will build from the latest routes
        }
        Generation previous = current;
        current = start(config);
        if (previous != null) {
            previous.retire();
        }
    }

    /** The routes of the application that takes requests now; empty before the first one started. */
    Set<String> servedRoutes() {
        Generation generation = current;
        return generation == null ? Set.of() : generation.routes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.setAttribute(RestProvider.PEER_ADDRESS, request.getRemoteAddr());
        Generation generation = current;
        while (!generation.enter()) {
            generation = current;
        }
        try {
            generation.container.service(request, response);
        } finally {
            generation.leave();
        }
    }

    @Override
    public void destroy() {
        Generation last = current;
        if (last != null) {
            last.retire();
        }
    }

    private Generation start(ResourceConfig config) throws ServletException {
        ServletContainer container = new ServletContainer(config);
        container.init(getServletConfig());
        return new Generation(container);
    }
}
