package io.axion.telemetry.internal.stats;

import io.axion.api.auth.Roles;
import io.axion.api.instance.InstanceService;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /api/v1/instances/{name}/stats} (docs/API.md, "Statistics"). The class path names {@code stats}: a
 * root path of {@code /api/v1/instances/{name}} would win Jersey's match and hide the other instance routes.
 */
@Component(service = RestResource.class)
@Path("/api/v1/instances/{name}/stats")
@Produces({MediaType.APPLICATION_JSON, StatsRequests.CSV})
@RolesAllowed(Roles.VIEWER)
public class InstanceStatsResource implements RestResource {

    @Reference
    private StatsService stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstanceService instances;

    @GET
    public Response get(@PathParam("name") String name, @QueryParam("metric") String metric,
                        @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("format") String format, @Context HttpHeaders headers) {
        InstanceService known = instances;
        if (known != null) {
            known.get(name); // 404 for an instance that does not exist
        }
        return StatsRequests.answer(metric, from, to, format, headers, stats.now(),
                (m, f, t) -> stats.query(SeriesKey.instance(name), m, f, t));
    }
}
