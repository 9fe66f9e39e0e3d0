package io.axion.firewall.internal;

import io.axion.api.auth.Roles;
import io.axion.api.firewall.FirewallPolicy;
import io.axion.api.firewall.FirewallService;
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

/** An instance's firewall rules (docs/API.md, "Firewall"). */
@Component(service = RestResource.class)
@Path("/api/v1/instances/{name}/firewall")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class FirewallResource implements RestResource {

    @Reference
    private FirewallService firewall;

    @GET
    public FirewallPolicy firewall(@PathParam("name") String name) {
        return firewall.get(name);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public FirewallPolicy saveFirewall(@PathParam("name") String name, FirewallPolicy policy) {
        return firewall.put(name, policy);
    }
}
