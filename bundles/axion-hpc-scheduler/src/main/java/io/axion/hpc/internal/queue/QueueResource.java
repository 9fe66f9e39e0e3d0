package io.axion.hpc.internal.queue;

import io.axion.api.auth.Roles;
import io.axion.api.instance.QueuedCreate;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/queue}: the creates waiting for room, in the order they will start; there while installed. */
@Component(service = RestResource.class)
@Path("/api/v1/queue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class QueueResource implements RestResource {

    @Reference
    private CreateQueueComponent queue;

    @GET
    public List<QueuedCreate> waiting() {
        return queue.waiting();
    }

    @GET
    @Path("{id}")
    public QueuedCreate get(@PathParam("id") String id) {
        return queue.get(id);
    }

    /** Cancels a waiting create: its owner, or an admin. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public QueuedCreate cancel(@PathParam("id") String id, @Context SecurityContext security) {
        String caller = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        return queue.cancel(id, entry -> security.isUserInRole(Roles.ADMIN) || Objects.equals(entry.owner(), caller));
    }
}
