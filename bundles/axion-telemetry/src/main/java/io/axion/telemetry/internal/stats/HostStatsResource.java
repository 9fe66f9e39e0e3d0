package io.axion.telemetry.internal.stats;

import io.axion.api.auth.Roles;
import io.axion.api.host.HostService;
import io.axion.api.tenant.TenantScope;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
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
 * {@code GET /api/v1/hosts/{name}/stats}: the sums of the host's instances (docs/API.md, "Statistics"); a request
 * scoped to one tenant gets the sums of that tenant's instances on the host only.
 */
@Component(service = RestResource.class)
@Path("/api/v1/hosts/{name}/stats")
@Produces({MediaType.APPLICATION_JSON, StatsRequests.CSV})
@RolesAllowed(Roles.VIEWER)
public class HostStatsResource implements RestResource {

    @Reference
    private StatsService stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostService hosts;

    @GET
    public Response get(@PathParam("name") String name, @QueryParam("metric") String metric,
                        @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("format") String format, @Context HttpHeaders headers,
                        @Context ContainerRequestContext request) {
        HostService known = hosts;
        if (known != null) {
            known.get(name); // 404 for a host that does not exist
        }
        TenantScope scope = TenantScope.from(request == null ? null : request.getProperty(TenantScope.REQUEST_PROPERTY));
        SeriesKey series = scope == null || scope.all() ? SeriesKey.host(name)
                : SeriesKey.tenantOnHost(scope.tenant(), name);
        return StatsRequests.answer(metric, from, to, format, headers, stats.now(),
                (m, f, t) -> stats.query(series, m, f, t));
    }
}
