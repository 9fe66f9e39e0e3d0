package io.axion.jobs.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.NotFoundException;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobService;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.job.Job;
import io.axion.api.tenant.TenantScope;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/v1/jobs} and {@code GET /api/v1/jobs/{id}} (shared/API.md), thin over {@link JobService}. */
@Component(service = RestResource.class)
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class JobsResource implements RestResource {

    @Reference
    private JobService jobs;

    /** Optional: the tenant of a job's instance, for the tenant scope of a request. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstanceService instances;

    public JobsResource() {
    }

    JobsResource(JobService jobs) {
        this.jobs = jobs;
    }

    /** Newest first; {@code limit} defaults to {@value JobFilter#DEFAULT_LIMIT}, at most {@value JobFilter#MAX_LIMIT}. */
    @GET
    public List<Map<String, Object>> list(@QueryParam("instance") String instance, @QueryParam("state") String state,
                                          @QueryParam("limit") String limit,
                                          @Context ContainerRequestContext request) {
        JobFilter filter = JobFilter.parse(instance, state, limit);
        TenantScope scope = scopeOf(request);
        return jobs.list(filter).stream().filter(job -> visible(job, scope)).map(job -> job.toJson()).toList();
    }

    /** One job, with its log lines; another tenant's is 404, as a missing one. */
    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        TenantScope scope = scopeOf(request);
        return jobs.find(id).filter(job -> visible(job, scope))
                .orElseThrow(() -> new NotFoundException("job", id)).toJsonWithLog();
    }

    private static TenantScope scopeOf(ContainerRequestContext request) {
        return request == null ? null : TenantScope.from(request.getProperty(TenantScope.REQUEST_PROPERTY));
    }

    /**
     * A job belongs to its instance's tenant: the one the view knows, else the one a create's payload names. A job
     * whose tenant cannot be told (its instance gone, or no instance at all) shows only to whoever sees every tenant.
     */
    private boolean visible(Job job, TenantScope scope) {
        if (scope == null || scope.all()) {
            return true;
        }
        InstanceService view = instances;
        Optional<String> tenant = job.instance() == null || view == null ? Optional.empty()
                : view.find(job.instance()).map(Instance::tenant);
        if (tenant.isEmpty() && job.payload() != null && job.payload().get("tenant") instanceof String named) {
            tenant = Optional.of(named);
        }
        return tenant.filter(scope::sees).isPresent();
    }
}
