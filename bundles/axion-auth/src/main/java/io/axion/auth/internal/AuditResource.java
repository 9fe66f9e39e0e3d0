package io.axion.auth.internal;

import io.axion.api.auth.AuditEntry;
import io.axion.api.auth.Roles;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/v1/audit?limit=&user=}: the audit log, newest first, for admins. */
@Component(service = RestResource.class)
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource implements RestResource {
    static final int DEFAULT_LIMIT = 100;

    @Reference
    private AuthService auth;

    /** {@code limit} is read as text so that a malformed one is a 422 naming it, not JAX-RS's bare 404. */
    @GET
    public List<AuditEntry> recent(@QueryParam("limit") String limit, @QueryParam("user") String user) {
        int count = DEFAULT_LIMIT;
        if (limit != null && !limit.isEmpty()) {
            try {
                count = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                count = -1;
            }
            AuditLog.requireLimit(count);
        }
        String who = user == null || user.isEmpty() ? null : user;
        return auth.audit().recent(count, who);
    }
}
