package io.axion.firewall.internal;

import io.axion.api.auth.Roles;
import io.axion.api.lxd.InstanceNic;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** An instance's place on Axion's bridge: its interface and DHCP addresses (docs/API.md, "Firewall"). */
@Component(service = RestResource.class)
@Path("/api/v1/instances/{name}/network")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class InstanceNetworkResource implements RestResource {

    /**
     * @param bridge        the managed bridge; null when instances are made without a NIC
     * @param hostInterface the host-side veth, null while stopped
     * @param addresses     DHCP addresses with prefix; empty while stopped or before the lease
     */
    public record InstanceNetwork(String bridge, String device, String hostInterface, String hwaddr,
                                  List<String> addresses) {
    }

    @Reference
    private FirewallManager firewall;

    @GET
    public InstanceNetwork network(@PathParam("name") String name) {
        Optional<String> bridge = firewall.bridge(name);
        Optional<InstanceNic> nic = bridge.isEmpty() ? Optional.empty() : firewall.nic(name);
        return new InstanceNetwork(bridge.orElse(null), nic.map(InstanceNic::device).orElse(null),
                nic.map(InstanceNic::hostInterface).orElse(null), nic.map(InstanceNic::hwaddr).orElse(null),
                nic.map(InstanceNic::addresses).orElse(List.of()));
    }
}
