package io.axion.hpc.internal.gang;

import io.axion.api.AxionConstants;
import io.axion.api.auth.Roles;
import io.axion.api.job.Job;
import io.axion.api.tenant.TenantScope;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/gangs}: all-or-nothing groups of pinned instances; there while the feature is installed. */
@Component(service = RestResource.class)
@Path("/api/v1/gangs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class GangResource implements RestResource {

    @Reference
    private GangService gangs;

    /** The request's tenant's gangs (every tenant's for a global admin naming none, as the instance list). */
    @GET
    public List<GangView> list(@Context ContainerRequestContext request) {
        return gangs.list(scope(request));
    }

    /**
     * 202 with the gang, made in the request's tenant (its {@code jobId} creates the members), or 202 {@code queued};
     * 422 when it cannot fit now.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response create(GangRequest body, @Context SecurityContext security,
                           @Context ContainerRequestContext request) {
        GangView gang = gangs.create(body, caller(security), GangTenancy.tenantOfCreate(scope(request)));
        return Response.accepted(gang).location(URI.create(AxionConstants.API_BASE + "/gangs/" + gang.name())).build();
    }

    @GET
    @Path("{name}")
    public GangView get(@PathParam("name") String name, @Context ContainerRequestContext request) {
        return gangs.get(name, scope(request));
    }

    /** 202 with the job deleting every member. */
    @DELETE
    @Path("{name}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response delete(@PathParam("name") String name, @Context ContainerRequestContext request) {
        Job job = gangs.delete(name, scope(request));
        return Response.accepted(job.toJson()).location(URI.create(AxionConstants.API_BASE + "/jobs/" + job.id()))
                .build();
    }

    /** The request's tenant scope; null when nothing scoped it (no auth feature), which sees every gang. */
    public static TenantScope scope(ContainerRequestContext request) {
        return TenantScope.from(request == null ? null : request.getProperty(TenantScope.REQUEST_PROPERTY));
    }

    static String caller(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }
}
