package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdRefusedException;
import io.axion.api.lxd.LxdUnreachableException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP (and WebSocket) client to one LXD, scoped to Axion's project. Sends requests, reads LXD's JSON
 * envelopes, waits for background operations and turns failures into typed exceptions. Thread-safe.
 * <p>
 * One per host: {@link HostConnection} makes it with the settings of {@link LxdConnectorComponent} and the host's
 * endpoint, and the services of this bundle share it.
 */
public final class LxdConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LxdConnection.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final LxdSettings settings;
    private final HttpClient http;
    private final WebSocketClient webSockets;
    private final String baseUri;
    private final String webSocketBaseUri;
    private final List<Runnable> outageListeners = new CopyOnWriteArrayList<>();
    private final Operations operations;
    /** Null for a remote LXD, whose TLS listener has no such stall and whose connections are worth keeping. */
    private final OneRequestConnections unixConnections;
    private volatile ServerInfo serverInfo;

    public LxdConnection(LxdSettings settings) {
        this.settings = settings;
        ClientConnector connector = new ClientConnector();
        connector.setConnectTimeout(CONNECT_TIMEOUT);
        HttpClientTransport transport;
        if (settings.remote()) {
            connector.setSslContextFactory(RemoteTls.clientContext(settings));
            transport = new HttpClientTransportOverHTTP(connector);
            baseUri = settings.url().replaceAll("/+$", "");
            webSocketBaseUri = baseUri.replaceFirst("^http", "ws");
        } else {
            transport = new UnixSocketHttpTransport(connector, settings.socket());
            // The host is only sent as the Host header; the socket decides where the request goes.
            baseUri = "http://lxd";
            webSocketBaseUri = "ws://lxd";
        }
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("axion-lxd");
        threads.setDaemon(true);
        http = new HttpClient(transport);
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(16);
        http.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        http.setUserAgentField(new org.eclipse.jetty.http.HttpField(HttpHeader.USER_AGENT, "axion-lxd"));
        webSockets = new WebSocketClient(http);
        // LXD pings the events socket every 10 s; terminals may idle much longer between keystrokes.
        webSockets.setIdleTimeout(Duration.ofHours(1));
        webSockets.setMaxTextMessageSize(4 * 1024 * 1024);
        try {
            http.start();
            webSockets.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot start the LXD client", e);
        }
        operations = new Operations(this);
        unixConnections = settings.remote() ? null : new OneRequestConnections(http, CONNECT_TIMEOUT);
        LOG.info("LXD client for {} (project {})", settings.remote() ? baseUri : settings.socket(), settings.project());
    }

    public LxdSettings settings() {
        return settings;
    }

    public String project() {
        return settings.project();
    }

    Operations operations() {
        return operations;
    }

    /** A request to an LXD path (e.g. {@code /1.0/instances}) in Axion's project, with the request timeout. */
    Request request(HttpMethod method, String path) {
        return requestIn(settings.project(), method, path);
    }

    /** The same in another project of this server (a copy between hosts that are projects of one LXD). */
    Request requestIn(String project, HttpMethod method, String path) {
        return http.newRequest(baseUri + path)
                .method(method)
                .param("project", project)
                .timeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    static Request withJson(Request request, Object body) {
        try {
            return request.body(new StringRequestContent("application/json", JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise a request body", e);
        }
    }

    LxdResponse get(String path, Subject subject, String action) {
        return send(request(HttpMethod.GET, path), subject, action);
    }

    /** Sends a request whose answer is JSON; background operations are not awaited (see {@link #call}). */
    LxdResponse send(Request request, Subject subject, String action) {
        Answer answer = sendForHeaders(request, action);
        Response response = answer.response();
        try (InputStream body = answer.body()) {
            JsonNode envelope = JSON.readTree(body);
            return envelope(response, envelope, subject, action);
        } catch (IOException e) {
            throw failure(action, e);
        }
    }

    /**
     * Sends a request and, when LXD answers with a background operation, waits for it until {@code timeout}.
     *
     * @return the sync answer's metadata, or the finished operation's metadata
     */
    JsonNode call(Request request, Subject subject, String action, Duration timeout) {
        LxdResponse response = send(request, subject, action);
        if (!response.async()) {
            return response.metadata();
        }
        return operations.await(response.operationId(), timeout, subject, action);
    }

    /** Sends a request and returns as soon as the headers arrived, for streaming the body. */
    StreamingResponse stream(Request request, Subject subject, String action) {
        Answer answer = sendForHeaders(request, action);
        Response response = answer.response();
        InputStream body = answer.body();
        // 416 answers a one-byte range on an empty file and still carries the file's headers.
        if (response.getStatus() >= 400 && response.getStatus() != 416) {
            try (body) {
                JsonNode envelope = JSON.readTree(body);
                throw LxdErrors.fromResponse(response.getStatus(), envelope.path("error").asText(null), subject, action);
            } catch (IOException e) {
                throw LxdErrors.fromResponse(response.getStatus(), null, subject, action);
            }
        }
        return new StreamingResponse(response, body);
    }

    record StreamingResponse(Response response, InputStream body) {
        String header(String name) {
            return response.getHeaders().get(name);
        }
    }

    /**
     * Sends and waits for the response headers. LXD (Go) sometimes closes a kept-alive connection just as it is
     * reused; a GET or HEAD that fails that way before any answer is sent once more on a fresh connection.
     */
    private Answer sendForHeaders(Request request, String action) {
        InputStreamResponseListener listener = new InputStreamResponseListener();
        dispatch(request, listener, action);
        try {
            return new Answer(awaitHeaders(request, listener, action), listener.getInputStream());
        } catch (LxdUnreachableException e) {
            if (!staleConnection(e.getCause()) || !isIdempotent(request)) {
                throw e;
            }
            LOG.debug("Retrying {} after a closed connection: {}", request.getURI(), e.getCause().toString());
            Request again = http.newRequest(request.getURI())
                    .method(request.getMethod())
                    .timeout(request.getTimeout(), TimeUnit.MILLISECONDS)
                    .idleTimeout(request.getIdleTimeout(), TimeUnit.MILLISECONDS)
                    .headers(h -> request.getHeaders().forEach(field -> {
                        if (field.getHeader() != HttpHeader.HOST) {
                            h.put(field);
                        }
                    }));
            InputStreamResponseListener second = new InputStreamResponseListener();
            dispatch(again, second, action);
            return new Answer(awaitHeaders(again, second, action), second.getInputStream());
        }
    }

    private void dispatch(Request request, Response.CompleteListener listener, String action) {
        if (unixConnections == null) {
            request.send(listener);
            return;
        }
        try {
            unixConnections.send(request, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LxdErrors.unreachable(action, e);
        } catch (ExecutionException e) {
            throw failure(action, e.getCause());
        } catch (TimeoutException e) {
            throw failure(action, e);
        }
    }

    private record Answer(Response response, InputStream body) {
    }

    private static boolean isIdempotent(Request request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /** An EOF or broken pipe on a reused connection, as opposed to LXD being absent. */
    static boolean staleConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.nio.channels.ClosedChannelException
                    || (t instanceof IOException && String.valueOf(t.getMessage()).contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

    private Response awaitHeaders(Request request, InputStreamResponseListener listener, String action) {
        try {
            return listener.get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw LxdErrors.unreachable(action, e);
        } catch (TimeoutException e) {
            request.abort(e);
            throw failure(action, e);
        } catch (ExecutionException e) {
            throw failure(action, e.getCause());
        }
    }

    private LxdResponse envelope(Response response, JsonNode envelope, Subject subject, String action) {
        String type = envelope.path("type").asText("");
        if ("error".equals(type) || response.getStatus() >= 400) {
            int code = envelope.path("error_code").asInt(response.getStatus());
            RuntimeException error = LxdErrors.fromResponse(code == 0 ? response.getStatus() : code,
                    envelope.path("error").asText(null), subject, action);
            if (error instanceof LxdUnreachableException) {
                // A stopping daemon still answers: health should know now, not at its next probe.
                outageListeners.forEach(Runnable::run);
            }
            throw error;
        }
        String etag = response.getHeaders().get(HttpHeader.ETAG);
        JsonNode metadata = envelope.path("metadata");
        String operationId = "async".equals(type) ? metadata.path("id").asText(null) : null;
        return new LxdResponse(response.getStatus(), etag, metadata, operationId);
    }

    /** A transport failure: LXD is gone (and health should know at once), or something else broke. */
    RuntimeException failure(String action, Throwable cause) {
        if (cause instanceof RuntimeException runtime && runtime instanceof io.axion.api.error.AxionException) {
            return runtime;
        }
        if (LxdErrors.isUnreachable(cause)) {
            outageListeners.forEach(Runnable::run);
            return LxdErrors.unreachable(action, cause);
        }
        return new LxdRefusedException(false, 0, action, String.valueOf(cause));
    }

    /** Buffers for streaming an upload, from the client's pool. */
    org.eclipse.jetty.io.ByteBufferPool.Sized uploadBuffers() {
        return new org.eclipse.jetty.io.ByteBufferPool.Sized(http.getByteBufferPool(), false, 64 * 1024);
    }

    /** Opens a WebSocket to an LXD path; the listener must be a public class (Jetty calls it reflectively). */
    Session connectWebSocket(String pathAndQuery, Object listener, String action) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        URI uri = URI.create(webSocketBaseUri + pathAndQuery + separator + "project="
                + URLEncoder.encode(settings.project(), StandardCharsets.UTF_8));
        try {
            return webSockets.connect(listener, uri).get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LxdErrors.unreachable(action, e);
        } catch (ExecutionException e) {
            throw failure(action, e.getCause());
        } catch (TimeoutException | IOException e) {
            throw failure(action, e);
        }
    }

    /** Called (on the failing thread) whenever a request finds LXD unreachable. */
    void addOutageListener(Runnable listener) {
        outageListeners.add(listener);
    }

    void removeOutageListener(Runnable listener) {
        outageListeners.remove(listener);
    }

    /** Something (e.g. the event socket closing) suggests LXD went away: let the health check look now. */
    void suspectOutage() {
        outageListeners.forEach(Runnable::run);
    }

    /** {@code GET /1.0} with a short deadline: the version and API extensions; also refreshes the cached copy. */
    ServerInfo fetchServerInfo(Duration timeout) {
        Request request = request(HttpMethod.GET, "/1.0").timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        JsonNode metadata = send(request, Subject.server(), "read LXD's server info").metadata();
        ServerInfo info = ServerInfo.from(metadata);
        serverInfo = info;
        return info;
    }

    /** The last server info read, fetching it when none was read yet. */
    ServerInfo serverInfo() {
        ServerInfo info = serverInfo;
        return info != null ? info : fetchServerInfo(settings.requestTimeout());
    }

    boolean hasExtension(String extension) {
        return serverInfo().extensions().contains(extension);
    }

    /**
     * Creates Axion's project when it is missing. It shares the default project's images and profiles, so the
     * imported images and the default profile's root disk serve it.
     */
    void ensureProject() {
        if ("default".equals(settings.project())) {
            return;
        }
        Subject subject = Subject.project(settings.project());
        try {
            get("/1.0/projects/" + settings.project(), subject, "read project " + settings.project());
            return;
        } catch (LxdNotFoundException missing) {
            LOG.info("Creating LXD project {}", settings.project());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", settings.project());
        body.put("description", "Axion");
        body.putObject("config").put("features.images", "false").put("features.profiles", "false");
        try {
            send(withJson(request(HttpMethod.POST, "/1.0/projects"), body), subject,
                    "create project " + settings.project());
        } catch (LxdAlreadyExistsException createdMeanwhile) {
            LOG.debug("Project {} was created concurrently", settings.project());
        }
    }

    @Override
    public void close() {
        stopQuietly(webSockets);
        stopQuietly(http);
    }

    private static void stopQuietly(org.eclipse.jetty.util.component.LifeCycle component) {
        try {
            if (component != null) {
                component.stop();
            }
        } catch (Exception e) {
            LOG.debug("Stopping {} failed", component, e);
        }
    }
}
