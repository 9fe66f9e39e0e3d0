package io.axion.instances.internal;

import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.InstanceJobTypes;
import io.axion.api.instance.Resize;
import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import io.axion.api.quota.QuotaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to name claims and quota reservations when an instance job ends: a create or resize that succeeded
 * settles (LXD now holds the figures), one that failed releases; a delete that succeeded releases. At start, the
 * jobs still queued from before a restart are tracked again and their claims and reservations re-taken.
 */
final class JobOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(JobOutcomes.class);

    private final JobService jobs;
    private final NameClaims claims;
    private final Supplier<QuotaService> quota;
    private final Consumer<String> placementRelease;
    private final long claimGraceMillis;

    /**
     * @param placementRelease frees what the placement policy holds for an instance (its create failed, or it was
     *                         deleted)
     */
    JobOutcomes(JobService jobs, NameClaims claims, Supplier<QuotaService> quota, Consumer<String> placementRelease,
                long claimGraceMillis) {
        this.jobs = jobs;
        this.claims = claims;
        this.quota = quota;
        this.placementRelease = placementRelease;
        this.claimGraceMillis = claimGraceMillis;
    }

    void track(Job job) {
        jobs.whenFinished(job.id()).whenComplete((finished, error) -> {
            if (error != null) {
                LOG.warn("Lost track of job {} ({}): its claim and reservation stay until a restart", job.id(),
                        error.getMessage());
                return;
            }
            finished(finished);
        });
    }

    /**
     * An instance job finished on some node (the {@code jobs} channel): every node applies its outcome, so that a
     * claim or a reservation is settled even when the node that admitted the request died meanwhile. Applying an
     * outcome twice changes nothing.
     */
    void finishedSomewhere(Map<String, Object> json) {
        Object state = json.get("state");
        Object type = json.get("type");
        if (!(state instanceof String s) || !(type instanceof String t) || !InstanceJobTypes.ALL.contains(t)
                || !JobState.valueOf(s).finished() || !(json.get("instance") instanceof String instance)) {
            return;
        }
        finished(new Job((String) json.get("id"), t, instance, JobState.valueOf(s), 0, 1, null, null, null, null,
                null, null, null, Map.of(), List.of(), (String) json.get("host")));
    }

    void finished(Job job) {
        boolean ok = job.state() == JobState.COMPLETED;
        String name = job.instance();
        QuotaService governor = quota.get();
        switch (job.type()) {
            case InstanceJobTypes.CREATE -> {
                if (ok) {
                    claims.settle(name, job.id(), claimGraceMillis);
                } else {
                    claims.release(name, job.id());
                    placementRelease.accept(name);
                }
                settleOrRelease(governor, name, ok);
            }
            case InstanceJobTypes.RESIZE, InstanceJobTypes.MIGRATE -> settleOrRelease(governor, name, ok);
            case InstanceJobTypes.DELETE -> {
                if (ok) {
                    placementRelease.accept(name);
                    if (governor != null) {
                        governor.release(name);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static void settleOrRelease(QuotaService governor, String name, boolean ok) {
        if (governor == null) {
            return;
        }
        if (ok) {
            governor.settle(name);
        } else {
            governor.release(name);
        }
    }

    /** Tracks the creates, resizes and deletes left unfinished by an earlier run, and re-claims their names. */
    void recover() {
        for (Job job : unfinished()) {
            if (InstanceJobTypes.CREATE.equals(job.type())) {
                claims.claim(job.instance(), job.id());
            }
            track(job);
        }
    }

    private List<Job> unfinished() {
        List<Job> found = new ArrayList<>();
        try {
            for (JobState state : List.of(JobState.PENDING, JobState.IN_PROGRESS)) {
                for (Job job : jobs.list(new JobFilter(null, state, JobFilter.MAX_LIMIT))) {
                    if (job.instance() != null && InstanceJobTypes.ALL.contains(job.type())) {
                        found.add(job);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not list unfinished instance jobs: {}", e.getMessage());
        }
        return found;
    }

    private static <T> T payload(Job job, Class<T> type) {
        Map<String, Object> payload = job.payload();
        if (type == CreateInstance.class) {
            return type.cast(new CreateInstance((String) payload.get("name"), (String) payload.get("image"),
                    number(payload.get("cpu")), number(payload.get("memoryMiB")), number(payload.get("diskGiB")),
                    (String) payload.get("cloudInit"), (Boolean) payload.get("start"), (String) payload.get("host")));
        }
        return type.cast(new Resize(number(payload.get("cpu")), number(payload.get("memoryMiB"))));
    }

    private static Integer number(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }
}
