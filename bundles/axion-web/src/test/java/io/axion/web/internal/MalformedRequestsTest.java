package io.axion.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import io.axion.web.internal.jaxrs.ProblemMappers;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests Jersey cannot even read (a Content-Type that is no media type) are answered with a problem too. */
class MalformedRequestsTest {
    @Path("/api/v1/things")
    public static final class Things {
        @GET
        public String list() {
            return "[]";
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public String add(String thing) {
            return thing;
        }
    }

    final HttpClient client = HttpClient.newHttpClient();
    Server server;
    URI base;

    @BeforeEach
    void start() throws Exception {
        ResourceConfig config = new ResourceConfig().register(new Things());
        for (Object mapper : ProblemMappers.all()) {
            config.register(mapper);
        }
        // As JerseyRoutes sets it: Jersey's refusals then have no body of Jetty's.
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new ServletContainer(config)), "/*");
        context.setErrorHandler(new ProblemErrorHandler.ForServlets());
        server.setErrorHandler(new ProblemErrorHandler());
        server.setHandler(new BaselineHeaders(new MalformedRequests(context)));
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @org.junit.jupiter.api.Test
    void ordinaryMediaTypesPass() {
        for (String ok : new String[] {"application/json", "application/json;charset=UTF-8",
                "application/json; charset=\"utf-8\"", "multipart/form-data; boundary=----WebKitFormBoundary7MA4",
                "application/octet-stream", "text/plain"}) {
            assertThat(MalformedRequests.isMediaType(ok)).as(ok).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/", "garbage", "application/json; charset", "/json"})
    void aContentTypeThatIsNoMediaTypeIsAProblem(String contentType) throws Exception {
        for (String method : new String[] {"GET", "POST"}) {
            String answer = exchange(method + " /api/v1/things HTTP/1.1\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: 2\r\n", "{}");
            assertThat(answer).as(method + " " + contentType).startsWith("HTTP/1.1 400");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
            JsonNode problem = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("detail").asText()).contains("Content-Type");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/things/;", "/api/v1/things;a=b", "/api/v1/things/x;y"})
    void aPathParameterIsAProblemRatherThanAnotherRoute(String path) throws Exception {
        String answer = exchange("GET " + path + " HTTP/1.1\r\n", "");
        assertThat(answer).as(path).startsWith("HTTP/1.1 400");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
        assertThat(answer).contains("%3B");
    }

    @org.junit.jupiter.api.Test
    void anEncodedSemicolonIsData() throws Exception {
        assertThat(exchange("GET /api/v1/things/a%3Bb HTTP/1.1\r\n", "")).startsWith("HTTP/1.1 404");
        assertThat(exchange("GET /api/v1/things HTTP/1.1\r\n", "")).startsWith("HTTP/1.1 200");
    }

    /** A raw exchange: Java's HTTP client normalises what it sends. */
    private String exchange(String head, String body) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
