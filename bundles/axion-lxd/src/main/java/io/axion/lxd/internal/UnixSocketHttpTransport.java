package io.axion.lxd.internal;

import org.eclipse.jetty.client.DuplexConnectionPool;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Transport;

import java.nio.file.Path;

/**
 * HTTP/1.1 over LXD's unix socket for every request of the client. It must be client-wide: the WebSocket client
 * offers no per-connection transport, and setting it during the upgrade is too late. {@code TCPUnix} instances
 * compare equal by path, so all requests share one destination and connection pool.
 * <p>
 * That pool only carries WebSocket upgrades (plain requests use {@link OneRequestConnections}, which says why an
 * open but unused connection stalls LXD); a connection it released, say after a refused upgrade, is closed rather
 * than kept, so no upgrade ever waits for one while a fresh connection opened for it goes unused.
 */
final class UnixSocketHttpTransport extends HttpClientTransportOverHTTP {
    private static final int MAX_CONNECTIONS = 16;
    private final Transport unix;

    UnixSocketHttpTransport(ClientConnector connector, Path socket) {
        super(connector);
        this.unix = new Transport.TCPUnix(socket);
        setConnectionPoolFactory(destination -> {
            DuplexConnectionPool pool = new DuplexConnectionPool(destination, MAX_CONNECTIONS);
            pool.setMaxUsage(1);
            return pool;
        });
    }

    @Override
    public Origin newOrigin(Request request) {
        if (request.getTransport() == null) {
            request.transport(unix);
        }
        return super.newOrigin(request);
    }
}
