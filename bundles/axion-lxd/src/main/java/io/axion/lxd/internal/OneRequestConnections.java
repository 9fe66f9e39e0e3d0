package io.axion.lxd.internal;

import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends each request to LXD's unix socket over a connection opened for it alone and closed after its answer.
 * <p>
 * Why not the client's pool: LXD 5.0 sniffs the first bytes of every connection it accepts on its unix socket
 * (for StartTLS) inside its accept loop, so one connection that is open but has not sent anything yet keeps LXD
 * from accepting any other - its own lifecycle hooks included, which makes starts and stops fail after 30 s
 * ("operation timed out"). A pool opens exactly such connections: whenever a queued request is served by a
 * connection freed meanwhile, the one opened for it waits unused until some later request picks it up. A
 * connection that exists for one request sends that request at once. Connecting to a local socket costs
 * microseconds.
 */
final class OneRequestConnections {
    private final HttpClient http;
    private final Duration connectTimeout;

    OneRequestConnections(HttpClient http, Duration connectTimeout) {
        this.http = http;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Opens a connection, sends the request on it and closes it once the exchange completes.
     *
     * @throws ExecutionException with the cause when the connection cannot be opened
     * @throws TimeoutException when it cannot be opened in time
     */
    void send(Request request, Response.CompleteListener listener)
            throws ExecutionException, TimeoutException, InterruptedException {
        Connection connection = http.resolveDestination(request).newConnection()
                .get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        request.headers(headers -> headers.put(HttpHeader.CONNECTION, "close"))
                .onComplete(result -> connection.close());
        connection.send(request, listener);
    }
}
