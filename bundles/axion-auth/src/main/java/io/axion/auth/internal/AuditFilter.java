package io.axion.auth.internal;

import io.axion.api.web.RestProvider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Audits every request that may change something (any method but GET, HEAD and OPTIONS), after its outcome is
 * known, including the ones refused with 401 or 403. It records the method, the path with only the query parameters
 * that name the target ({@code path}, {@code type}, {@code force}), the caller, the peer address and the status:
 * never a body or a header.
 */
@Component(service = RestProvider.class)
public class AuditFilter implements ContainerResponseFilter, RestProvider {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** Query parameters of the API that name the target of a change; none of them can carry a secret. */
    private static final List<String> DESCRIPTIVE_QUERY = List.of("path", "type", "force");
    /** Login outcomes the login itself already audited, with the username that was tried. */
    private static final Set<Integer> LOGIN_AUDITED = Set.of(200, 401, 429);

    @Reference
    private AuthService auth;

    @Override
    public void filter(ContainerRequestContext in, ContainerResponseContext out) {
        String method = in.getMethod();
        if (READS.contains(method)) {
            return;
        }
        String rawPath = in.getUriInfo().getRequestUri().getRawPath();
        String path = rawPath + describedQuery(in.getUriInfo().getQueryParameters());
        if (AuthService.LOGIN_PATH.equals(rawPath) && LOGIN_AUDITED.contains(out.getStatus())) {
            return;
        }
        Principal caller = in.getSecurityContext() == null ? null : in.getSecurityContext().getUserPrincipal();
        auth.audit().record(caller == null ? null : caller.getName(), AuditLog.REQUEST, method, path,
                Callers.address(in), out.getStatus());
    }

    /** The query parameters that say what was acted on (a file's path, a forced stop); any others are left out. */
    static String describedQuery(MultivaluedMap<String, String> query) {
        StringJoiner described = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String name : DESCRIPTIVE_QUERY) {
            String value = query.getFirst(name);
            if (value != null) {
                described.add(name + "=" + value);
            }
        }
        return described.toString();
    }
}
