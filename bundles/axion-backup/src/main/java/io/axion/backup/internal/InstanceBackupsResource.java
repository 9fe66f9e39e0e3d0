package io.axion.backup.internal;

import io.axion.api.auth.Roles;
import io.axion.api.job.Job;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

/**
 * An instance's backups (docs/API.md, "Backups and schedules"). The class path names {@code backups}: a root path of
 * {@code /api/v1/instances/{name}} would win Jersey's match for every {@code /api/v1/instances/{name}/...} request and
 * hide the instance routes ({@code start}, {@code migrate}) behind a 404.
 */
@Component(service = RestResource.class)
@Path("/api/v1/instances/{name}/backups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class InstanceBackupsResource implements RestResource {

    /** The body of {@code POST .../backups}: {@code target} null for the default. */
    public record BackupRequest(String target) {
    }

    @Reference
    private BackupManager backups;

    public InstanceBackupsResource() {
    }

    InstanceBackupsResource(BackupManager backups) {
        this.backups = backups;
    }

    /** Newest first. */
    @GET
    public List<Map<String, Object>> list(@PathParam("name") String name) {
        return backups.list(name).stream().map(BackupRecord::toJson).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response create(@PathParam("name") String name, BackupRequest request) {
        return accepted(backups.create(name, request == null ? null : request.target()));
    }

    static Response accepted(Job job) {
        return Response.accepted(job.toJson()).location(URI.create("/api/v1/jobs/" + job.id())).build();
    }
}
