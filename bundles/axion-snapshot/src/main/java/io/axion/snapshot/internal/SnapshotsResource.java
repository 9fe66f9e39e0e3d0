package io.axion.snapshot.internal;

import io.axion.api.auth.Roles;
import io.axion.api.job.Job;
import io.axion.api.lxd.SnapshotInfo;
import io.axion.api.snapshot.SnapshotService;
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
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Snapshots of shared/API.md, thin over {@link SnapshotService}. Jersey matches the longest literal path first,
 * so this root resource lives beside the instances resource.
 */
@Component(service = RestResource.class)
@Path("/api/v1/instances/{name}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class SnapshotsResource implements RestResource {

    @Reference
    private SnapshotService snapshots;

    public SnapshotsResource() {
    }

    SnapshotsResource(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    /** {@code [{name, createdAt, stateful}]}. */
    @GET
    public List<SnapshotInfo> list(@PathParam("name") String name) {
        return snapshots.list(name);
    }

    /** 202 with the job; 409 when the name is taken. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response create(@PathParam("name") String name, SnapshotRequest request) {
        return accepted(snapshots.create(name, request == null ? null : request.name()));
    }

    /** 202 with the job: a running instance is stopped, restored and started again. */
    @POST
    @Path("{snap}/restore")
    @RolesAllowed(Roles.OPERATOR)
    public Response restore(@PathParam("name") String name, @PathParam("snap") String snap) {
        return accepted(snapshots.restore(name, snap));
    }

    @DELETE
    @Path("{snap}")
    @RolesAllowed(Roles.OPERATOR)
    public Response delete(@PathParam("name") String name, @PathParam("snap") String snap) {
        return accepted(snapshots.delete(name, snap));
    }

    static Response accepted(Job job) {
        return Response.accepted(job.toJson()).location(URI.create("/api/v1/jobs/" + job.id())).build();
    }
}
