package io.axion.hosts.internal;

import io.axion.api.auth.Roles;
import io.axion.api.host.ClusterOverviewService;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/cluster}: the nodes (name, address, state, since, the hosts each owns, jobs running on each,
 * its URL) and the hosts (name, owner, state, capacity, allocated), as this node sees them now.
 */
@Component(service = RestResource.class)
@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class ClusterResource implements RestResource {

    @Reference
    ClusterOverviewService overview;

    @GET
    public Map<String, Object> get() {
        return overview.overview().toJson();
    }
}
