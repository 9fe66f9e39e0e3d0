package io.axion.backup.internal;

import io.axion.api.auth.Roles;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** An instance's snapshot and backup schedules (docs/API.md, "Backups and schedules"). */
@Component(service = RestResource.class)
@Path("/api/v1/instances/{name}/schedules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class InstanceSchedulesResource implements RestResource {

    @Reference
    private BackupManager backups;

    public InstanceSchedulesResource() {
    }

    InstanceSchedulesResource(BackupManager backups) {
        this.backups = backups;
    }

    @GET
    public Schedules schedules(@PathParam("name") String name) {
        return backups.schedules(name);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Schedules saveSchedules(@PathParam("name") String name, Schedules schedules) {
        return backups.saveSchedules(name, schedules);
    }
}
