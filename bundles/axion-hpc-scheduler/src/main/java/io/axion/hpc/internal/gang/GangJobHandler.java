package io.axion.hpc.internal.gang;

import io.axion.api.instance.InstanceJobTypes;
import io.axion.api.instance.InstanceService;
import io.axion.api.job.Job;
import io.axion.api.job.JobContext;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import io.axion.hpc.internal.HpcPlacementPolicy;
import io.axion.hpc.internal.ReservationLedger;
import io.axion.hpc.internal.allocation.Pin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The gang jobs. {@value #CREATE}: asks the instance service for every member's create (each placed on the pin the
 * gang reserved), waits for them all, and when any fails deletes the others and frees every pin, so a gang is there
 * whole or not at all. {@value #DELETE}: deletes every member, then forgets the gang. The job's result line lists
 * each member's outcome.
 */
@Component(service = JobHandler.class, property = {
    JobHandler.TYPE_PROPERTY + "=" + GangJobHandler.CREATE,
    JobHandler.TYPE_PROPERTY + "=" + GangJobHandler.DELETE
})
public class GangJobHandler implements JobHandler {
    public static final String CREATE = "hpc.gang-create";
    public static final String DELETE = "hpc.gang-delete";
    private static final Duration MEMBER_JOB_DEADLINE = Duration.ofMinutes(10);
    /** How long a member whose create completed may take to show in this node's view. */
    private static final Duration VIEW_DEADLINE = Duration.ofSeconds(30);

    @Reference
    private GangService gangs;

    @Reference
    private HpcPlacementPolicy policy;

    @Reference
    private InstanceService instances;

    @Reference
    private JobService jobs;

    @Override
    public JobResult process(JobContext context) throws Exception {
        String name = String.valueOf(context.payload().get("gang"));
        Optional<GangStore.Gang> gang = gangs.store().find(name);
        if (gang.isEmpty()) {
            return JobResult.ok("gang " + name + " is gone");
        }
        return CREATE.equals(context.type()) ? create(context, gang.get()) : delete(context, gang.get());
    }

    private JobResult create(JobContext context, GangStore.Gang gang) throws InterruptedException {
        GangRequest request = gang.request();
        List<GangStore.Member> members = gangs.store().members(gang.name());
        Map<String, ReservationLedger.Reservation> pins = new LinkedHashMap<>();
        policy.reservations().forEach(r -> pins.put(r.instance(), r));
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, Job> started = new LinkedHashMap<>();
        String failure = null;
        for (GangStore.Member member : members) {
            if (instances.find(member.name()).isPresent()) {
                results.put(member.name(), "exists on " + member.host());
                continue;
            }
            ReservationLedger.Reservation held = pins.get(member.name());
            policy.scheduler().expect(member.name(), held == null
                    ? new Pin(member.host(), List.of(), List.of(), null, false)
                    : new Pin(held.host(), held.cpus(), held.gpus(), held.numaNode(), !held.cpus().isEmpty()));
            try {
                started.put(member.name(), instances.create(request.member(member.index(), gang.tenant())));
            } catch (RuntimeException refused) {
                policy.scheduler().release(member.name());
                failure = member.name() + ": " + refused.getMessage();
                results.put(member.name(), "refused: " + refused.getMessage());
                break;
            }
        }
        for (Map.Entry<String, Job> entry : started.entrySet()) {
            Job done = await(entry.getValue());
            boolean ok = done.state() == JobState.COMPLETED;
            results.put(entry.getKey(), (ok ? "created" : "failed: " + done.error()) + " (job " + done.id() + ")");
            context.log(entry.getKey() + ": " + results.get(entry.getKey()));
            if (!ok && failure == null) {
                failure = entry.getKey() + ": " + done.error();
            }
        }
        if (failure == null) {
            gangs.store().state(gang.name(), GangStore.RUNNING, null, null);
            return JobResult.ok(summary(gang.name(), "created", results));
        }
        context.log("gang " + gang.name() + " failed (" + failure + "): removing its other members");
        removeMembers(context, members);
        gangs.release(request);
        gangs.store().removeMembers(gang.name());
        gangs.store().state(gang.name(), GangStore.FAILED, null, failure);
        return JobResult.fail(summary(gang.name(), "failed, every member removed", results));
    }

    private JobResult delete(JobContext context, GangStore.Gang gang) throws InterruptedException {
        List<String> failures = removeMembers(context, gangs.store().members(gang.name()));
        if (!failures.isEmpty()) {
            gangs.store().state(gang.name(), GangStore.DELETING, null, String.join("; ", failures));
            return JobResult.retry("members not deleted: " + String.join("; ", failures));
        }
        gangs.release(gang.request());
        gangs.store().remove(gang.name());
        return JobResult.ok("gang " + gang.name() + " deleted");
    }

    /** Deletes every member that exists (or shows up in this node's view soon); returns those whose delete failed. */
    private List<String> removeMembers(JobContext context, List<GangStore.Member> members)
            throws InterruptedException {
        Map<String, Job> deleting = new LinkedHashMap<>();
        for (GangStore.Member member : members) {
            if (appears(member.name())) {
                deleting.put(member.name(), instances.delete(member.name()));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Job> entry : deleting.entrySet()) {
            Job done = await(entry.getValue());
            context.log(entry.getKey() + ": deleted" + (done.state() == JobState.COMPLETED ? "" : " failed: "
                    + done.error()));
            if (done.state() != JobState.COMPLETED) {
                failures.add(entry.getKey() + ": " + done.error());
            }
        }
        return failures;
    }

    /**
     * Whether the member exists. One that LXD has but the view not yet (its create completed on another node an
     * instant ago) is waited for a little; one never created is not.
     */
    private boolean appears(String member) throws InterruptedException {
        Instant until = Instant.now().plus(VIEW_DEADLINE);
        boolean created = jobs.list(JobFilter.newest(20).withInstance(member).withState(JobState.COMPLETED)).stream()
                .anyMatch(j -> InstanceJobTypes.CREATE.equals(j.type()));
        while (true) {
            if (instances.find(member).isPresent()) {
                return true;
            }
            if (!created || Instant.now().isAfter(until)) {
                return false;
            }
            Thread.sleep(200);
        }
    }

    private Job await(Job job) throws InterruptedException {
        try {
            return jobs.awaitFinished(job.id(), MEMBER_JOB_DEADLINE);
        } catch (java.util.concurrent.TimeoutException e) {
            return jobs.find(job.id()).orElse(job);
        }
    }

    private static String summary(String gang, String outcome, Map<String, String> results) {
        StringBuilder line = new StringBuilder("gang ").append(gang).append(' ').append(outcome).append(':');
        results.forEach((member, result) -> line.append(' ').append(member).append(' ').append(result).append(';'));
        return line.toString();
    }
}
