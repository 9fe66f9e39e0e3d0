package io.axion.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whatever answers, Jetty or a servlet, the answer carries the security headers, and errors are problem+json. */
class ErrorAnswersTest {
    Server server;
    int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (request.getRequestURI().startsWith("/boom")) {
                    throw new IllegalStateException("a secret detail");
                }
                response.setContentType("text/plain");
                response.getWriter().write("fine");
            }
        }), "/*");
        context.setErrorHandler(new ProblemErrorHandler.ForServlets());
        server.setErrorHandler(new ProblemErrorHandler());
        server.setHandler(new BaselineHeaders(context));
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    /** A raw exchange: Java's HTTP client would not send a malformed path or an oversized header. */
    String exchange(String requestHead) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static void assertSecurityHeaders(String answer) {
        String head = answer.toLowerCase(Locale.ROOT);
        assertThat(head).contains("x-content-type-options: nosniff", "x-frame-options: deny",
                "referrer-policy: no-referrer", "content-security-policy: default-src 'none'; frame-ancestors 'none'");
    }

    static JsonNode problem(String answer, int status) throws IOException {
        assertThat(answer).startsWith("HTTP/1.1 " + status);
        assertThat(answer.toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
        JsonNode body = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("type").asText()).startsWith("https://axion.dev/problems/");
        return body;
    }

    @Test
    void aNormalAnswerCarriesTheSecurityHeaders() throws IOException {
        String answer = exchange("GET /fine HTTP/1.1\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("fine");
        assertSecurityHeaders(answer);
    }

    @Test
    void anAmbiguousPathIsAProblem() throws IOException {
        String answer = exchange("GET /api/v1/%2e%2e/%2e%2e/etc HTTP/1.1\r\n");
        assertThat(problem(answer, 400).path("detail").asText()).isNotBlank();
        assertSecurityHeaders(answer);
    }

    @Test
    void everyMethodGetsItsProblemNotOnlyGetAndPost() throws IOException {
        for (String method : new String[] {"DELETE", "PUT", "PATCH"}) {
            String answer = exchange(method + " /api/v1/hosts/%2e%2e HTTP/1.1\r\nContent-Length: 0\r\n");
            assertThat(problem(answer, 400).path("detail").asText()).as(method).isNotBlank();
            assertSecurityHeaders(answer);
        }
        problem(exchange("DELETE /fine HTTP/1.1\r\nAuthorization: Bearer " + "A".repeat(20_000) + "\r\n"), 431);
    }

    @Test
    void headersTooLargeAreAProblem() throws IOException {
        String answer = exchange("GET /fine HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n");
        problem(answer, 431);
        assertSecurityHeaders(answer);
    }

    @Test
    void aFailureSaysNothingOfItsCause() throws IOException {
        String answer = exchange("GET /boom HTTP/1.1\r\n");
        JsonNode body = problem(answer, 500);
        assertThat(body.path("type").asText()).endsWith("/internal-error");
        assertThat(answer).doesNotContain("secret detail").doesNotContain("IllegalStateException");
        assertSecurityHeaders(answer);
    }
}
