package io.axion.testing;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.web.WebSocketRoute;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * One {@link WebSocketRoute} at {@code /ws/<name>} behind Jetty's real Jakarta WebSocket server on a free loopback
 * port, deployed through a delegating endpoint class as the web bundle deploys it, with the upgrade taken as already
 * authenticated (the web bundle checks it before a route is asked). Needs Jetty's
 * {@code jetty-ee10-websocket-jakarta-server} on the class path (an optional dependency of this jar).
 */
public final class JettyRouteServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /** Serves the route to {@code user}, on Jetty's default thread pool. */
    public JettyRouteServer(WebSocketRoute route, AuthenticatedUser user) throws Exception {
        this(route, user, new Server());
    }

    /** Serves the route to {@code user} on the given threads (for a benchmark that sizes them like Karaf's). */
    public JettyRouteServer(WebSocketRoute route, AuthenticatedUser user, ThreadPool threads) throws Exception {
        this(route, user, new Server(threads));
    }

    private JettyRouteServer(WebSocketRoute route, AuthenticatedUser user, Server server) throws Exception {
        this.server = server;
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
                container.addEndpoint(ServerEndpointConfig.Builder.create(Delegate.class, "/ws/" + route.name())
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            public <T> T getEndpointInstance(Class<T> type) {
                                return type.cast(new Delegate(route.newEndpoint(user, null, Map.of())));
                            }
                        }).build()));
        server.setHandler(context);
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The deployed endpoint class; forwards to the route's endpoint of the connection. */
    public static final class Delegate extends Endpoint {
        private final Endpoint delegate;

        public Delegate(Endpoint delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            delegate.onOpen(session, config);
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            delegate.onClose(session, closeReason);
        }

        @Override
        public void onError(Session session, Throwable error) {
            delegate.onError(session, error);
        }
    }
}
