package io.axion.web.internal.ws;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/** Gives each upgrade the endpoint its authentication filter prepared; refuses upgrades that bypassed it. */
final class PendingEndpointConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        Endpoint endpoint = PendingEndpoint.take();
        if (endpoint == null) {
            throw new InstantiationException("WebSocket upgrade without authentication");
        }
        return endpointClass.cast(new DelegatingEndpoint(endpoint));
    }
}
