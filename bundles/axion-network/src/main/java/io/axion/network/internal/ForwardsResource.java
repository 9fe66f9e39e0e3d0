package io.axion.network.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.ValidationException;
import io.axion.api.network.Forward;
import io.axion.api.network.ForwardRequest;
import io.axion.api.network.ForwardService;
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
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Port forwards of shared/API.md, thin over {@link ForwardService}. Adding and removing are quick LXD device
 * changes, so they answer at once (201, 204) rather than through a job.
 */
@Component(service = RestResource.class)
@Path("/api/v1/instances/{name}/forwards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class ForwardsResource implements RestResource {

    @Reference
    private ForwardService forwards;

    public ForwardsResource() {
    }

    ForwardsResource(ForwardService forwards) {
        this.forwards = forwards;
    }

    /** {@code [{hostPort, containerPort, protocol}]}. */
    @GET
    public List<Forward> list(@PathParam("name") String name) {
        return forwards.list(name);
    }

    /** 201 with the forward; 409 when the host port is taken, 422 for ports or protocol out of bounds. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response add(@PathParam("name") String name, ForwardRequest request) {
        return Response.status(Response.Status.CREATED).entity(forwards.add(name, request)).build();
    }

    @DELETE
    @Path("{hostPort}")
    @RolesAllowed(Roles.OPERATOR)
    public Response remove(@PathParam("name") String name, @PathParam("hostPort") String hostPort) {
        forwards.remove(name, parsePort(hostPort));
        return Response.noContent().build();
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ValidationException("hostPort", "must be a port number");
        }
    }
}
