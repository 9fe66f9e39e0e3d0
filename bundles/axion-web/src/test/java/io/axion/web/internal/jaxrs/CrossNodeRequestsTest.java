package io.axion.web.internal.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A console that failed over to this node may call it from a peer node's origin; no other origin may. */
class CrossNodeRequestsTest {
    static final String PEER = "http://127.0.0.1:8082";

    @Path("/api/v1/thing")
    public static final class Thing {
        @GET
        public String get() {
            return "{}";
        }
    }

    /** Stands in for the bearer check: nothing passes without an Authorization header. */
    static final class NeedsToken implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getHeaderString("Authorization") == null) {
                request.abortWith(Response.status(401).build());
            }
        }
    }

    final HttpClient client = HttpClient.newHttpClient();
    Server server;
    URI base;

    @BeforeEach
    void start() throws Exception {
        ResourceConfig config = new ResourceConfig().register(new Thing()).register(new NeedsToken())
                .register(new CrossNodeRequests(() -> Set.of(PEER)))
                .register(new SecurityHeaders(() -> Set.of(PEER)));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new ServletContainer(config)), "/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    HttpResponse<String> send(String method, String origin, boolean token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve("/api/v1/thing"))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Origin", origin);
        if ("OPTIONS".equals(method)) {
            builder.header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization");
        }
        if (token) {
            builder.header("Authorization", "Bearer x");
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPeersPreflightIsAnsweredWithoutAToken() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", PEER, false);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PEER);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("Authorization");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void aPeersRequestStillNeedsItsTokenAndItsAnswerMayBeRead() throws Exception {
        assertThat(send("GET", PEER, false).statusCode()).isEqualTo(401);
        HttpResponse<String> answer = send("GET", PEER, true);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PEER);
    }

    @Test
    void aStrangerGetsNoCorsAtAll() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "http://evil.example", false);
        assertThat(preflight.statusCode()).isNotEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(send("GET", "http://evil.example", true).headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    void theConsoleMayConnectToThePeers() {
        assertThat(SecurityHeaders.consolePolicy(Set.of(PEER)))
                .contains("connect-src 'self' ws: wss: " + PEER + ";");
        assertThat(SecurityHeaders.consolePolicy(Set.of())).isEqualTo(SecurityHeaders.CONSOLE_CSP);
    }
}
