package io.axion.web.internal.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.web.RestProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routes change under load: every request is answered by a whole application, old or new, never a 500. */
class SwappableJerseyTest {
    /** Which application generation answered; {@code ?hold=true} waits until the test lets it go. */
    @Path("/which")
    public static final class Which {
        private final int generation;
        private final CountDownLatch entered;
        private final CountDownLatch release;

        Which(int generation, CountDownLatch entered, CountDownLatch release) {
            this.generation = generation;
            this.entered = entered;
            this.release = release;
        }

        @GET
        public String get(@QueryParam("hold") boolean hold) throws InterruptedException {
            if (hold) {
                entered.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            return Integer.toString(generation);
        }
    }

    final AtomicInteger generations = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final HttpClient client = HttpClient.newHttpClient();
    SwappableJersey servlet;
    Server server;
    URI base;

    /** A provider shared by every generation, as the whiteboard's are: it reads the peer from the request. */
    static final class PeerHeader implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            response.getHeaders().putSingle("X-Peer", request.getProperty(RestProvider.PEER_ADDRESS));
        }
    }

    final PeerHeader peerHeader = new PeerHeader();

    ResourceConfig nextApplication() {
        return new ResourceConfig().register(new Which(generations.incrementAndGet(), entered, release))
                .register(peerHeader);
    }

    @BeforeEach
    void start() throws Exception {
        servlet = new SwappableJersey(this::nextApplication);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("jersey", servlet), "/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        server.stop();
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestInsideTheOldApplicationFinishesThereWhileNewOnesReachTheNext() throws Exception {
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(
                HttpRequest.newBuilder(base.resolve("/which?hold=true")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        servlet.swap(nextApplication());
        HttpResponse<String> next = get("/which");
        assertThat(next.body()).isEqualTo("2");
        assertThat(next.headers().firstValue("X-Peer")).hasValue("127.0.0.1");

        release.countDown();
        HttpResponse<String> old = held.get(10, TimeUnit.SECONDS);
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.body()).isEqualTo("1");
        assertThat(old.headers().firstValue("X-Peer")).hasValue("127.0.0.1");
    }

    @Test
    void requestsDuringManySwapsAllSucceed() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int swap = 0; swap < 20; swap++) {
            for (int i = 0; i < 10; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/which")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            servlet.swap(nextApplication());
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(get("/which").body()).isEqualTo(Integer.toString(generations.get()));
    }
}
