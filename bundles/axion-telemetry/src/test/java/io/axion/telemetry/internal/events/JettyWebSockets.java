package io.axion.telemetry.internal.events;

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

/** Jetty's Jakarta WebSocket server on a free loopback port, serving one route as the web bundle would. */
final class JettyWebSockets implements AutoCloseable {
    static final AuthenticatedUser USER = new AuthenticatedUser("tester", "viewer");
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    JettyWebSockets(WebSocketRoute route) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
                container.addEndpoint(ServerEndpointConfig.Builder.create(Delegate.class, "/ws/" + route.name())
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            public <T> T getEndpointInstance(Class<T> type) {
                                return type.cast(new Delegate(route.newEndpoint(USER, null, Map.of())));
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

    /** The deployed endpoint class; forwards to the route's endpoint, as the web bundle does. */
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
