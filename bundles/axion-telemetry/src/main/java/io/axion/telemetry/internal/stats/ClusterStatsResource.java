package io.axion.telemetry.internal.stats;

import io.axion.api.auth.Roles;
import io.axion.api.tenant.TenantScope;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/cluster/stats}: the sums over every host (docs/API.md, "Statistics"); a request scoped to one
 * tenant gets the sums over that tenant's instances only.
 */
@Component(service = RestResource.class)
@Path("/api/v1/cluster/stats")
@Produces({MediaType.APPLICATION_JSON, StatsRequests.CSV})
@RolesAllowed(Roles.VIEWER)
public class ClusterStatsResource implements RestResource {

    @Reference
    private StatsService stats;

    @GET
    public Response get(@QueryParam("metric") String metric, @QueryParam("from") String from,
                        @QueryParam("to") String to, @QueryParam("format") String format,
                        @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        TenantScope scope = TenantScope.from(request == null ? null : request.getProperty(TenantScope.REQUEST_PROPERTY));
        if (scope != null && !scope.all()) {
            return StatsRequests.answer(metric, from, to, format, headers, stats.now(),
                    (m, f, t) -> stats.queryTenant(scope.tenant(), m, f, t));
        }
        return StatsRequests.answer(metric, from, to, format, headers, stats.now(), stats::queryCluster);
    }
}
