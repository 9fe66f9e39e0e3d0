package io.axion.hpc.internal;

import io.axion.api.auth.Roles;
import io.axion.api.host.HostService;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/hpc}: core maps and pins; there while the feature is installed. */
@Component(service = RestResource.class)
@Path("/api/v1/hpc")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class HpcResource implements RestResource {

    @Reference
    private HpcPlacementPolicy scheduler;

    @Reference
    private HostService hosts;

    @GET
    @Path("hosts/{name}/cores")
    public CoreMap cores(@PathParam("name") String name) {
        hosts.get(name);
        return CoreMap.of(scheduler.topology(name), scheduler.ledger().holdings(name));
    }

    @GET
    @Path("pins")
    public List<CoreMap.PinView> pins() {
        return scheduler.reservations().stream().map(CoreMap.PinView::of).toList();
    }
}
