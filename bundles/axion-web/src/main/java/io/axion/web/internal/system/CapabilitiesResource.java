package io.axion.web.internal.system;

import io.axion.api.web.Capability;
import io.axion.api.web.RestResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code GET /api/v1/capabilities}: what the installed features offer, so the console hides the rest. */
@Component(service = RestResource.class)
@Path("/api/v1/capabilities")
public class CapabilitiesResource implements RestResource {
    private final List<Capability> capabilities = new CopyOnWriteArrayList<>();

    public record Capabilities(List<String> capabilities) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCapability(Capability capability) {
        capabilities.add(capability);
    }

    void removeCapability(Capability capability) {
        capabilities.remove(capability);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Capabilities list() {
        return new Capabilities(capabilities.stream().map(Capability::name).distinct().sorted().toList());
    }
}
