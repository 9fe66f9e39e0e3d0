package io.axion.quota.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.ValidationException;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaService;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/v1/quota} (viewers) and {@code PUT /api/v1/quota} (admins), thin over {@link QuotaService}. */
@Component(service = RestResource.class)
@Path("/api/v1/quota")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class QuotaResource implements RestResource {

    /** The body of {@code PUT /api/v1/quota}: both limits, as a whole number of cores and MiB. */
    public record QuotaLimits(Integer cpu, Long memoryMiB) {
    }

    @Reference
    private QuotaService quota;

    public QuotaResource() {
    }

    QuotaResource(QuotaService quota) {
        this.quota = quota;
    }

    @GET
    public Quota get() {
        return quota.quota();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Quota put(QuotaLimits body) {
        if (body == null) {
            throw new ValidationException("body", "a JSON object {cpu, memoryMiB} is required");
        }
        if (body.cpu() == null) {
            throw new ValidationException("cpu", "is required (a whole number of cores)");
        }
        if (body.memoryMiB() == null) {
            throw new ValidationException("memoryMiB", "is required (MiB)");
        }
        return quota.setLimits(body.cpu(), body.memoryMiB());
    }
}
