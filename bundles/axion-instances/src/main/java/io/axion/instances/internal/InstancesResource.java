package io.axion.instances.internal;

import io.axion.api.AxionConstants;
import io.axion.api.auth.Roles;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.instance.CreateAdmission;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceDetails;
import io.axion.api.instance.InstanceNames;
import io.axion.api.instance.InstanceService;
import io.axion.api.instance.Resize;
import io.axion.api.job.Job;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import io.axion.api.error.AxionException;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/instances} (shared/API.md), thin over {@link InstanceService}: every change answers 202 with its job. */
@Component(service = RestResource.class)
@Path("/api/v1/instances")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class InstancesResource implements RestResource {

    @Reference
    private InstanceService instances;

    private final InstanceListCache listJson = new InstanceListCache();

    public InstancesResource() {
    }

    InstancesResource(InstanceService instances) {
        this.instances = instances;
    }

    /**
     * Every instance of the request's tenant (all of them for a global admin naming no tenant, as the JSON written
     * when the list last changed), or those of one host ({@code ?host=}).
     */
    @GET
    public List<Instance> list(@QueryParam("host") String host, @Context ContainerRequestContext request) {
        TenantScope scope = TenantScope.from(request == null ? null : request.getProperty(TenantScope.REQUEST_PROPERTY));
        boolean everything = scope == null || scope.all();
        if ((host == null || host.isBlank()) && everything) {
            return listJson.serialized(instances.list());
        }
        return instances.list().stream()
                .filter(i -> host == null || host.isBlank() || host.equals(i.host()))
                .filter(i -> everything || scope.sees(i.tenant()))
                .toList();
    }

    /** Creates in the request's tenant, whatever the body says ({@code default} without the tenants feature). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response create(CreateInstance body, @Context SecurityContext security,
                           @Context ContainerRequestContext request) {
        TenantScope scope = TenantScope.from(request == null ? null : request.getProperty(TenantScope.REQUEST_PROPERTY));
        if (scope != null && !scope.member()) {
            throw new AxionException(403, "not-a-member", "Forbidden",
                    "You belong to no tenant; an admin must add you to one before you create instances");
        }
        CreateInstance inTenant = body == null ? null
                : body.inTenant(scope == null ? TenantService.DEFAULT : scope.tenant());
        CreateAdmission admission = instances.admit(inTenant, caller(security));
        if (admission.job() != null) {
            return accepted(admission.job());
        }
        return Response.accepted(admission.queued())
                .location(URI.create(AxionConstants.API_BASE + "/queue/" + admission.queued().id()))
                .build();
    }

    @GET
    @Path("{name}")
    public InstanceDetails get(@PathParam("name") String name) {
        return instances.details(known(name));
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response resize(@PathParam("name") String name, Resize body) {
        return accepted(instances.resize(known(name), body));
    }

    @POST
    @Path("{name}/start")
    @RolesAllowed(Roles.OPERATOR)
    public Response start(@PathParam("name") String name) {
        return accepted(instances.start(known(name)));
    }

    @POST
    @Path("{name}/stop")
    @RolesAllowed(Roles.OPERATOR)
    public Response stop(@PathParam("name") String name, @QueryParam("force") String force) {
        return accepted(instances.stop(known(name), flag("force", force)));
    }

    /** {@code ?force=true} restarts without waiting for a graceful shutdown (an extension of the contract). */
    @POST
    @Path("{name}/restart")
    @RolesAllowed(Roles.OPERATOR)
    public Response restart(@PathParam("name") String name, @QueryParam("force") String force) {
        return accepted(instances.restart(known(name), flag("force", force)));
    }

    /** The body of {@code POST /api/v1/instances/{name}/migrate}. */
    public record MigrateRequest(String host) {
    }

    @POST
    @Path("{name}/migrate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Response migrate(@PathParam("name") String name, MigrateRequest body) {
        return accepted(instances.migrate(known(name), body == null ? null : body.host()));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.OPERATOR)
    public Response delete(@PathParam("name") String name) {
        return accepted(instances.delete(known(name)));
    }

    static Response accepted(Job job) {
        return Response.accepted(job.toJson())
                .location(URI.create(AxionConstants.API_BASE + "/jobs/" + job.id()))
                .build();
    }

    /** Who asks; null without authentication in front (the auth feature uninstalled). */
    private static String caller(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }

    /** A name that breaks the rule cannot exist: 404, like any unknown instance. */
    private static String known(String name) {
        if (!InstanceNames.isValid(name)) {
            throw new NotFoundException("Instance", name.length() > 64 ? name.substring(0, 64) + "..." : name);
        }
        return name;
    }

    private static boolean flag(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ValidationException(field, "must be true or false");
        };
    }
}
