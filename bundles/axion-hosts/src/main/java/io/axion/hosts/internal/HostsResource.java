package io.axion.hosts.internal;

import io.axion.api.AxionConstants;
import io.axion.api.auth.Roles;
import io.axion.api.host.Host;
import io.axion.api.host.HostAdminService;
import io.axion.api.host.HostService;
import io.axion.api.host.HostSpec;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/hosts} (admins), thin over the host services. */
@Component(service = RestResource.class)
@Path("/api/v1/hosts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class HostsResource implements RestResource {

    @Reference
    private HostService hosts;

    @Reference
    private HostAdminService admin;

    @GET
    public List<Map<String, Object>> list() {
        return hosts.list().stream().map(Host::toJson).toList();
    }

    @GET
    @Path("{name}")
    public Map<String, Object> get(@PathParam("name") String name) {
        return hosts.get(name).toJson();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(HostSpec body) {
        Host added = admin.add(body);
        return Response.created(URI.create(AxionConstants.API_BASE + "/hosts/" + added.name()))
                .entity(added.toJson()).build();
    }

    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) {
        admin.remove(name);
        return Response.noContent().build();
    }
}
