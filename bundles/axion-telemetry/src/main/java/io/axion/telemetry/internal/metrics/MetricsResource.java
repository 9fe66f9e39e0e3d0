package io.axion.telemetry.internal.metrics;

import io.axion.api.auth.Roles;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /metrics}: Prometheus text format, for any logged-in user (a scraper uses a viewer's token). */
@Component(service = RestResource.class)
@Path("/metrics")
public class MetricsResource implements RestResource {

    @Reference
    private AxionMetrics metrics;

    @GET
    @Produces("text/plain")
    @RolesAllowed(Roles.VIEWER)
    public Response scrape() {
        StreamingOutput body = metrics::write;
        return Response.ok(body).type(metrics.contentType()).build();
    }
}
