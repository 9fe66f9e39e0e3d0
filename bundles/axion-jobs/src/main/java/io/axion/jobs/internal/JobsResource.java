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

    public JobsResource() {
    }

    JobsResource(JobService jobs) {
        this.jobs = jobs;
    }

    /** Newest first; {@code limit} defaults to {@value JobFilter#DEFAULT_LIMIT}, at most {@value JobFilter#MAX_LIMIT}. */
    @GET
    public List<Map<String, Object>> list(@QueryParam("instance") String instance, @QueryParam("state") String state,
                                          @QueryParam("limit") String limit) {
        JobFilter filter = JobFilter.parse(instance, state, limit);
        return jobs.list(filter).stream().map(job -> job.toJson()).toList();
    }

    /** One job, with its log lines. */
    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("job", id)).toJsonWithLog();
    }
}
