package io.axion.instances.internal;

import io.axion.api.cluster.ClusterService;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceDetails;
import io.axion.api.instance.InstanceJobTypes;
import io.axion.api.instance.InstanceService;
import io.axion.api.instance.Resize;
import io.axion.api.job.Job;
import io.axion.api.job.JobService;
import io.axion.api.quota.QuotaService;
import io.axion.api.quota.Reservation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InstanceService}: reads from the view; changes are validated, admitted (name claim, quota reservation)
 * and queued as jobs, in that order, so that a refused request leaves no job behind.
 */
@Component(service = InstanceService.class, configurationPid = InstancesConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class InstancesComponent implements InstanceService {
    private static final Logger LOG = LoggerFactory.getLogger(InstancesComponent.class);
    static final String CLAIMS_MAP = "instance-name-claims";

    @Reference
    private InstanceViewComponent view;

    @Reference
    private JobService jobs;

    @Reference
    private ClusterService cluster;

    /** Optional: without the quota feature, creates and resizes are not limited. */
    private volatile QuotaService quota;

    private NameClaims claims;
    private RequestValidation validation;
    private JobOutcomes outcomes;
    private long claimGraceMillis;

    public InstancesComponent() {
    }

    /** For tests: wires what DS would inject. */
    InstancesComponent(InstanceViewComponent view, JobService jobs, ClusterService cluster, QuotaService quota) {
        this.view = view;
        this.jobs = jobs;
        this.cluster = cluster;
        this.quota = quota;
    }

    @Activate
    void activate(InstancesConfig config) {
        claims = new NameClaims(sharedMap(cluster, CLAIMS_MAP), Clock.systemUTC());
        validation = new RequestValidation(config.maxCpu(), config.minMemoryMiB());
        claimGraceMillis = config.claimGraceSeconds() * 1000L;
        outcomes = new JobOutcomes(jobs, claims, () -> quota, claimGraceMillis);
        outcomes.recover();
    }

    /** Re-reserves for creates and resizes still queued when the quota governor arrives (e.g. after a restart). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindQuota")
    void bindQuota(QuotaService governor) {
        this.quota = governor;
        JobOutcomes tracking = outcomes;
        if (tracking != null) {
            tracking.reserveForUnfinished(governor);
        }
    }

    void unbindQuota(QuotaService governor) {
        if (this.quota == governor) {
            this.quota = null;
        }
    }

    @Override
    public List<Instance> list() {
        return view.list();
    }

    @Override
    public Optional<Instance> find(String name) {
        return view.find(name);
    }

    @Override
    public InstanceDetails details(String name) {
        return view.details(name).orElseThrow(() -> notFound(name));
    }

    @Override
    public Job create(CreateInstance request) {
        validation.create(request);
        String name = request.name();
        if (view.find(name).isPresent()) {
            throw new ConflictException("already-exists", "Instance '" + name + "' already exists");
        }
        String token = "request-" + UUID.randomUUID();
        if (!claims.claim(name, token)) {
            throw new ConflictException("already-exists", "Instance '" + name + "' is being created");
        }
        try {
            // Claimed now; it may still have appeared between the first look and the claim.
            if (view.find(name).isPresent()) {
                throw new ConflictException("already-exists", "Instance '" + name + "' already exists");
            }
            Job job = enqueueReserved(InstanceJobTypes.CREATE, name, request, request.cpu(), request.memoryMiB());
            claims.transfer(name, token, job.id());
            outcomes.track(job);
            return job;
        } catch (RuntimeException e) {
            claims.release(name, token);
            throw e;
        }
    }

    @Override
    public Job resize(String name, Resize request) {
        Instance current = existing(name);
        validation.resize(request);
        int cpu = request.cpu() != null ? request.cpu() : orZero(current.cpu());
        long memoryMiB = request.memoryMiB() != null ? request.memoryMiB() : orZero(current.memoryMiB());
        Job job = enqueueReserved(InstanceJobTypes.RESIZE, name, request, cpu, memoryMiB);
        outcomes.track(job);
        return job;
    }

    @Override
    public Job start(String name) {
        existing(name);
        return jobs.enqueue(InstanceJobTypes.START, name, Map.of());
    }

    @Override
    public Job stop(String name, boolean force) {
        existing(name);
        return jobs.enqueue(InstanceJobTypes.STOP, name, Map.of("force", force));
    }

    @Override
    public Job restart(String name, boolean force) {
        existing(name);
        return jobs.enqueue(InstanceJobTypes.RESTART, name, Map.of("force", force));
    }

    @Override
    public Job delete(String name) {
        existing(name);
        Job job = jobs.enqueue(InstanceJobTypes.DELETE, name, Map.of());
        outcomes.track(job);
        return job;
    }

    /** Reserves (when a governor is installed), enqueues, and keeps the reservation only if the job exists. */
    private Job enqueueReserved(String type, String name, Object payload, long cpu, long memoryMiB) {
        QuotaService governor = quota;
        if (governor == null) {
            return jobs.enqueue(type, name, payload);
        }
        try (Reservation reservation = governor.reserve(name, (int) cpu, memoryMiB)) {
            Job job = jobs.enqueue(type, name, payload);
            reservation.commit();
            return job;
        }
    }

    private Instance existing(String name) {
        return view.find(name).orElseThrow(() -> notFound(name));
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("Instance", name.length() > 64 ? name.substring(0, 64) + "..." : name);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    static ConcurrentMap<String, String> sharedMap(ClusterService cluster, String name) {
        try {
            return cluster.sharedMap(name);
        } catch (UnsupportedOperationException e) {
            LOG.info("The cluster service has no shared maps; {} is local to this member", name);
            return new ConcurrentHashMap<>();
        }
    }
}
