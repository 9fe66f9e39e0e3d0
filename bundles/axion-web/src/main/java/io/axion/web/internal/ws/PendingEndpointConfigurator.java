package io.axion.web.internal.ws;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.ContainerDefaultConfigurator;

/**
 * Gives each upgrade the endpoint its authentication filter prepared; refuses upgrades that bypassed it. The other
 * decisions go to Jetty's default configurator directly: the Jakarta API would look it up with a ServiceLoader,
 * which cannot see Jetty's bundle in OSGi ("Cannot load platform configurator", a 500 on every upgrade).
 */
final class PendingEndpointConfigurator extends ServerEndpointConfig.Configurator {
    private final ContainerDefaultConfigurator defaults = new ContainerDefaultConfigurator();
    private final OpenSessions sessions;

    PendingEndpointConfigurator(OpenSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        PendingEndpoint.Pending pending = PendingEndpoint.take();
        if (pending == null) {
            throw new InstantiationException("WebSocket upgrade without authentication");
        }
        return endpointClass.cast(new DelegatingEndpoint(pending.endpoint(), pending.username(), sessions));
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return defaults.checkOrigin(originHeaderValue);
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return defaults.getNegotiatedSubprotocol(supported, requested);
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return defaults.getNegotiatedExtensions(installed, requested);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        defaults.modifyHandshake(config, request, response);
    }
}
