package io.axion.web.internal.ws;

import io.axion.api.auth.AuditTrail;
import io.axion.api.auth.Authenticator;
import io.axion.api.auth.RevocationListener;
import io.axion.api.web.WebSocketRoute;
import jakarta.servlet.Filter;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The WebSocket whiteboard. Jakarta WebSocket cannot remove an endpoint once deployed, so fixed endpoints
 * ({@code /ws/{route}}, {@code /ws/{route}/{argument}} and a three-segment argument such as the HPC scheduler's
 * {@code /ws/gangs/{name}/runs/{id}}) delegate to whichever {@link WebSocketRoute} services are registered at upgrade
 * time; the route gets the whole rest of the path as its argument. It also ends the sockets of users whose credentials were revoked.
 */
@Component(service = {WebSocketDispatcher.class, RevocationListener.class})
public class WebSocketDispatcher implements RevocationListener {
    private final Map<String, WebSocketRoute> routes = new ConcurrentHashMap<>();
    private final OpenSessions sessions = new OpenSessions();
    private volatile Authenticator authenticator;
    private volatile AuditTrail audit;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRoute(WebSocketRoute route) {
        routes.put(route.name(), route);
    }

    void removeRoute(WebSocketRoute route) {
        routes.remove(route.name(), route);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    void unbindAuthenticator(Authenticator authenticator) {
        if (this.authenticator == authenticator) {
            this.authenticator = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAudit(AuditTrail audit) {
        this.audit = audit;
    }

    void unbindAudit(AuditTrail audit) {
        if (this.audit == audit) {
            this.audit = null;
        }
    }

    /** A revoked user keeps no socket: a terminal opened before the password change or deletion ends now. */
    @Override
    public void revoked(String username) {
        sessions.closeAll(username);
    }

    public Filter authenticationFilter() {
        return new UpgradeAuthenticationFilter(() -> Optional.ofNullable(authenticator),
                name -> Optional.ofNullable(routes.get(name)), () -> Optional.ofNullable(audit));
    }

    public void registerEndpoints(ServerContainer container) throws DeploymentException {
        for (String path : new String[] {"/ws/{route}", "/ws/{route}/{argument}",
                "/ws/{route}/{argument}/{part}/{subpart}"}) {
            container.addEndpoint(ServerEndpointConfig.Builder.create(DelegatingEndpoint.class, path)
                    .configurator(new PendingEndpointConfigurator(sessions)).build());
        }
    }
}
