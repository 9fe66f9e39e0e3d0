package io.axion.bench.telemetry;

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
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Jetty 12 with its Jakarta WebSocket server on a loopback port, serving one route as Axion's web bundle does. */
final class JettyRouteServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    JettyRouteServer(WebSocketRoute route) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("axion-http");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        AuthenticatedUser user = new AuthenticatedUser("bench", "viewer");
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

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The deployed endpoint class, forwarding to the route's endpoint of the connection. */
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
