package io.axion.auth.internal;

import io.axion.api.AxionConstants;
import io.axion.api.auth.Roles;
import io.axion.api.error.AxionException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.tenant.Membership;
import io.axion.api.tenant.Tenant;
import io.axion.api.tenant.TenantQuota;
import io.axion.api.tenant.TenantRoles;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/tenants}: global admins manage tenants and members; a tenant-admin manages the members of their own
 * tenant; any member reads their tenants. A tenant the caller does not belong to is 404, as if it did not exist.
 */
@Component(service = RestResource.class)
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class TenantsResource implements RestResource {

    /** The body of {@code POST /api/v1/tenants} and {@code PUT /api/v1/tenants/{name}}. */
    public record TenantBody(String name, TenantQuota quota) {
    }

    /** The body of {@code PUT /api/v1/tenants/{name}/members/{username}}. */
    public record MemberBody(String role) {
    }

    /** A tenant with its members, as {@code GET /api/v1/tenants/{name}} answers. */
    public record TenantView(String name, TenantQuota quota, java.time.Instant createdAt, List<Membership> members) {
    }

    @Reference
    private TenantService tenants;

    public TenantsResource() {
    }

    TenantsResource(TenantService tenants) {
        this.tenants = tenants;
    }

    /** Every tenant for an admin; the caller's own for anyone else. */
    @GET
    public List<Tenant> list(@Context SecurityContext security) {
        if (security.isUserInRole(Roles.ADMIN)) {
            return tenants.list();
        }
        List<String> mine = tenants.memberships(Callers.name(security)).stream().map(Membership::tenant).toList();
        return tenants.list().stream().filter(t -> mine.contains(t.name())).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(TenantBody body) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {name, quota: {cpu, memoryMiB, diskGiB, instances}}"
                    + " is required");
        }
        Tenant created = tenants.create(body.name(), body.quota());
        return Response.created(URI.create(AxionConstants.API_BASE + "/tenants/" + created.name()))
                .entity(created).build();
    }

    @GET
    @Path("{name}")
    public TenantView get(@PathParam("name") String name, @Context SecurityContext security) {
        Tenant tenant = visible(name, security);
        return new TenantView(tenant.name(), tenant.quota(), tenant.createdAt(), tenants.members(tenant.name()));
    }

    /** Replaces the quota; a {@code name} in the body, when given, must be the path's. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Tenant update(@PathParam("name") String name, TenantBody body) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {quota: {cpu, memoryMiB, diskGiB, instances}} is"
                    + " required");
        }
        if (body.name() != null && !body.name().equals(name)) {
            throw new ValidationException("name", "a tenant cannot be renamed");
        }
        return tenants.update(name, body.quota());
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("name") String name) {
        tenants.delete(name);
        return Response.noContent().build();
    }

    @PUT
    @Path("{name}/members/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Membership setMember(@PathParam("name") String name, @PathParam("username") String username,
                                MemberBody body, @Context SecurityContext security,
                                @Context ContainerRequestContext request) {
        manageable(name, security, request);
        if (body == null) {
            throw new ValidationException("body", "a JSON object {role} is required (one of "
                    + String.join(", ", TenantRoles.ALL) + ")");
        }
        return tenants.setMember(name, username, body.role());
    }

    @DELETE
    @Path("{name}/members/{username}")
    public Response removeMember(@PathParam("name") String name, @PathParam("username") String username,
                                 @Context SecurityContext security, @Context ContainerRequestContext request) {
        manageable(name, security, request);
        tenants.removeMember(name, username);
        return Response.noContent().build();
    }

    /** The tenant when the caller may see it (an admin, or a member); 404 otherwise. */
    private Tenant visible(String name, SecurityContext security) {
        Tenant tenant = tenants.get(name);
        if (security.isUserInRole(Roles.ADMIN) || tenants.memberships(Callers.name(security)).stream()
                .anyMatch(m -> m.tenant().equals(tenant.name()))) {
            return tenant;
        }
        throw new NotFoundException("Tenant", name);
    }

    /** Members are managed by admins, and by the tenant-admins of that very tenant (acting in it). */
    private void manageable(String name, SecurityContext security, ContainerRequestContext request) {
        if (security.isUserInRole(Roles.ADMIN)) {
            return;
        }
        visible(name, security);
        TenantScope scope = TenantScope.from(request.getProperty(TenantScope.REQUEST_PROPERTY));
        boolean tenantAdmin = tenants.memberships(Callers.name(security)).stream()
                .anyMatch(m -> m.tenant().equals(name) && TenantRoles.TENANT_ADMIN.equals(m.role()));
        if (!tenantAdmin || scope == null || !name.equals(scope.tenant()) || !security.isUserInRole(Roles.OPERATOR)) {
            throw new AxionException(403, "forbidden", "Forbidden",
                    "Only admins and this tenant's tenant-admins manage its members");
        }
    }
}
