package io.axion.web.internal;

import io.axion.api.AxionConstants;
import io.axion.api.AxionPaths;
import io.axion.web.internal.jaxrs.JerseyRoutes;
import io.axion.web.internal.tls.Connectors;
import io.axion.web.internal.tls.ServerCertificates;
import io.axion.web.internal.tls.TransportPolicy;
import io.axion.web.internal.ws.WebSocketDispatcher;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server: Jersey for every REST route at {@code /*}, Jetty's own Jakarta WebSocket implementation
 * for {@code /ws/*}, with the WebSocket authentication filter in front of the upgrade.
 */
@Component(service = JettyServer.class, immediate = true, configurationPid = AxionConstants.PID_WEB,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebConfig.class)
public class JettyServer {
    private static final Logger LOG = LoggerFactory.getLogger(JettyServer.class);

    @Reference
    private JerseyRoutes routes;

    @Reference
    private WebSocketDispatcher webSockets;

    private Server server;

    @Activate
    void activate(WebConfig config) throws Exception {
        long started = System.nanoTime();
        QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), 4);
        threads.setName("axion-http");
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        boolean https = TransportPolicy.https(config.host(), config.tls(), config.allowPlainHttp(),
                config.tlsKeystore());
        ServerConnector connector = https ? httpsConnector(http, config) : Connectors.http(server, http);
        if (!https && !TransportPolicy.isLoopback(config.host())) {
            LOG.warn("Plain HTTP on {}, which is not loopback (allowPlainHttp): tokens cross the network in clear "
                    + "text unless a TLS proxy is in front", config.host());
        }
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeoutMs());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.setClassLoader(new BundleDelegatingClassLoader(getClass().getClassLoader(),
                ServletContainer.class.getClassLoader()));
        context.addServlet(new ServletHolder("jersey", routes.servlet()), "/*");
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> webSockets.registerEndpoints(container));
        context.setErrorHandler(new ProblemErrorHandler.ForServlets());
        server.setErrorHandler(new ProblemErrorHandler());
        server.setHandler(new BaselineHeaders(new MalformedRequests(context)));
        server.start();

        // Authenticate before Jetty's upgrade filter (which the initializer put first) can accept the upgrade.
        FilterHolder auth = new FilterHolder(webSockets.authenticationFilter());
        auth.setName("axion-ws-auth");
        FilterMapping mapping = new FilterMapping();
        mapping.setFilterName(auth.getName());
        mapping.setPathSpec("/ws/*");
        mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        context.getServletHandler().prependFilter(auth);
        context.getServletHandler().prependFilterMapping(mapping);

        LOG.info("{} on {}:{} in {} ms", https ? "HTTPS" : "HTTP", config.host(), connector.getLocalPort(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private ServerConnector httpsConnector(HttpConfiguration http, WebConfig config) throws Exception {
        boolean own = !config.tlsKeystore().isBlank();
        return Connectors.https(server, http, ServerCertificates.keyStore(config.tlsKeystore(),
                config.tlsKeystorePassword(), AxionPaths.dataDir(), config.host()),
                own ? config.tlsKeystorePassword() : ServerCertificates.STORE_PASSWORD);
    }

    @Deactivate
    void deactivate() throws Exception {
        server.stop();
    }
}
