package io.axion.jobs.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import io.axion.api.web.RestResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
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
        JobFilter filter = new JobFilter(blankToNull(instance), parseState(state), parseLimit(limit));
        return jobs.list(filter).stream().map(job -> job.toJson()).toList();
    }

    /** One job, with its log lines. */
    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("job", id)).toJsonWithLog();
    }

    private static JobState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        return JobState.parse(state.trim()).orElseThrow(() -> new ValidationException("state",
                "must be one of " + Arrays.toString(JobState.values()) + ", not '" + state + "'"));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return JobFilter.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= JobFilter.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        throw new ValidationException("limit", "must be a whole number from 1 to " + JobFilter.MAX_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
