package io.axion.hpc.internal.run;

import io.axion.api.AxionConstants;
import io.axion.api.auth.Roles;
import io.axion.api.web.RestResource;
import io.axion.hpc.internal.gang.GangResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/gangs/{name}/runs}: a command in every member (operators start them; viewers read them), of the
 * request's tenant's gangs only.
 */
@Component(service = RestResource.class)
@Path("/api/v1/gangs/{name}/runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class RunResource implements RestResource {

    @Reference
    private GangRuns runs;

    @GET
    public List<RunView> list(@PathParam("name") String gang, @Context ContainerRequestContext request) {
        return runs.list(gang, GangResource.scope(request));
    }

    /** 202 with the run ({@code state: running}); its members' results fill in as they finish. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response start(@PathParam("name") String gang, RunRequest body, @Context ContainerRequestContext request) {
        RunView run = runs.start(gang, body, GangResource.scope(request));
        return Response.accepted(run)
                .location(URI.create(AxionConstants.API_BASE + "/gangs/" + gang + "/runs/" + run.id())).build();
    }

    @GET
    @Path("{id}")
    public RunView get(@PathParam("name") String gang, @PathParam("id") String id,
                       @Context ContainerRequestContext request) {
        return runs.get(gang, id, GangResource.scope(request));
    }
}
