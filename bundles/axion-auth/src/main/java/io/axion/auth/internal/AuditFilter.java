package io.axion.auth.internal;

import io.axion.api.web.RestProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import java.security.Principal;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Audits every request that may change something (any method but GET, HEAD and OPTIONS), after its outcome is
 * known, including the ones refused with 401 or 403. It records the method, the path without its query, the
 * caller, the peer address and the status: never a body or a header.
 */
@Component(service = RestProvider.class)
public class AuditFilter implements ContainerResponseFilter, RestProvider {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** Login outcomes the login itself already audited, with the username that was tried. */
    private static final Set<Integer> LOGIN_AUDITED = Set.of(200, 401, 429);

    @Reference
    private AuthService auth;

    @Context
    private HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext in, ContainerResponseContext out) {
        String method = in.getMethod();
        if (READS.contains(method)) {
            return;
        }
        String path = in.getUriInfo().getRequestUri().getRawPath();
        if (AuthService.LOGIN_PATH.equals(path) && LOGIN_AUDITED.contains(out.getStatus())) {
            return;
        }
        Principal caller = in.getSecurityContext() == null ? null : in.getSecurityContext().getUserPrincipal();
        auth.audit().record(caller == null ? null : caller.getName(), AuditLog.REQUEST, method, path,
                Callers.address(request), out.getStatus());
    }
}
