package io.axion.api.web;

/**
 * Marks a JAX-RS provider for the web whiteboard: an exception mapper, a request or response filter, a message
 * body reader or writer, a feature. Served while the service is registered.
 * <p>
 * One provider object serves every Jersey application the web bundle builds as routes come and go, and an old
 * application may still finish requests while the next one serves new ones: so a provider takes what it needs
 * from the request context it is handed, never from {@code @Context} fields (Jersey would re-inject those for
 * the newest application under the feet of the older one's requests).
 */
public interface RestProvider {
    /**
     * The request property (a servlet request attribute) holding the connection's peer address as text, set by the
     * web bundle for every request. {@code X-Forwarded-For} is not consulted: a client could write anything there.
     */
    String PEER_ADDRESS = "io.axion.web.peerAddress";
}
