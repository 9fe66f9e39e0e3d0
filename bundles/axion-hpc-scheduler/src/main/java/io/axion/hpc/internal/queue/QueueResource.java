package io.axion.hpc.internal.queue;

import io.axion.api.auth.Roles;
import io.axion.api.web.RestResource;
import io.axion.hpc.internal.gang.GangResource;
import io.axion.hpc.internal.gang.GangService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/queue}: the creates waiting for room, in the order they will start, then the gangs waiting (whole)
 * for room, in theirs; there while installed. A gang's id is {@code gang:<name>}.
 */
@Component(service = RestResource.class)
@Path("/api/v1/queue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class QueueResource implements RestResource {

    @Reference
    private CreateQueueComponent queue;

    @Reference
    private GangService gangs;

    @GET
    public List<QueueItem> waiting(@Context ContainerRequestContext request) {
        List<QueueItem> items = new ArrayList<>();
        queue.waiting().forEach(create -> items.add(QueueItem.of(create)));
        items.addAll(gangs.queued(GangResource.scope(request)));
        return items;
    }

    @GET
    @Path("{id}")
    public QueueItem get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        if (QueueItem.isGang(id)) {
            return gangs.queueItem(QueueItem.gangName(id), GangResource.scope(request));
        }
        return QueueItem.of(queue.get(id));
    }

    /** Cancels a waiting create or gang: its owner, or an admin. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public QueueItem cancel(@PathParam("id") String id, @Context SecurityContext security,
                            @Context ContainerRequestContext request) {
        String caller = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        if (QueueItem.isGang(id)) {
            return gangs.cancelQueued(QueueItem.gangName(id), GangResource.scope(request),
                    item -> security.isUserInRole(Roles.ADMIN) || Objects.equals(item.owner(), caller));
        }
        return QueueItem.of(queue.cancel(id, entry -> security.isUserInRole(Roles.ADMIN)
                || Objects.equals(entry.owner(), caller)));
    }
}
