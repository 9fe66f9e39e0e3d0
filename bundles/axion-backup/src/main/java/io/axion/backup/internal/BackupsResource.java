package io.axion.backup.internal;

import io.axion.api.auth.Roles;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Every backup, by id (docs/API.md, "Backups, schedules"). */
@Component(service = RestResource.class)
@Path("/api/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class BackupsResource implements RestResource {

    /** The body of {@code POST .../restore}: {@code name} null restores over the original. */
    public record RestoreRequest(String name, String host) {
    }

    @Reference
    private BackupManager backups;

    public BackupsResource() {
    }

    BackupsResource(BackupManager backups) {
        this.backups = backups;
    }

    @GET
    public List<Map<String, Object>> list() {
        return backups.list(null).stream().map(BackupRecord::toJson).toList();
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return backups.get(id).toJson();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.OPERATOR)
    public Response delete(@PathParam("id") String id) {
        backups.delete(id);
        return Response.noContent().build();
    }

    /** The archive (an LXD backup tarball), streamed. */
    @GET
    @Path("{id}/archive")
    @Produces("application/gzip")
    @RolesAllowed(Roles.OPERATOR)
    public Response archive(@PathParam("id") String id) {
        var file = backups.fetchToTemp(id);
        StreamingOutput body = out -> {
            try {
                Files.copy(file, out);
            } finally {
                Files.deleteIfExists(file);
            }
        };
        return Response.ok(body, "application/gzip")
                .header("Content-Disposition", "attachment; filename=\"" + id + ".tar.gz\"").build();
    }

    /** {@code {good}}: the sha256 of a directory archive, or {@code restic check}. */
    @POST
    @Path("{id}/verify")
    @RolesAllowed(Roles.OPERATOR)
    public Map<String, Object> verify(@PathParam("id") String id) {
        return Map.of("id", id, "good", backups.verify(id));
    }

    @POST
    @Path("{id}/restore")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response restore(@PathParam("id") String id, RestoreRequest request) {
        RestoreRequest body = request == null ? new RestoreRequest(null, null) : request;
        return InstanceBackupsResource.accepted(backups.restore(id, body.name(), body.host()));
    }
}
