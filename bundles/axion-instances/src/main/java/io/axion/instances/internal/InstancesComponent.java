package io.axion.instances.internal;

import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.host.HostService;
import io.axion.api.instance.CreateAdmission;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.CreateQueue;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceDetails;
import io.axion.api.instance.InstanceJobTypes;
import io.axion.api.instance.InstanceService;
import io.axion.api.instance.Resize;
import io.axion.api.job.Job;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.placement.Placement;
import io.axion.api.placement.PlacementPolicy;
import io.axion.api.quota.QuotaExceededException;
import io.axion.api.quota.QuotaService;
import io.axion.api.quota.Reservation;
import io.axion.api.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InstanceService}: reads from the view; changes are validated, admitted (name claim, placement, quota
 * reservation) and queued as jobs on the instance's host, in that order, so that a refused request leaves no job
 * behind. Whichever node admits a request, the job runs on the node that owns the host.
 */
@Component(service = InstanceService.class, configurationPid = InstancesConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class InstancesComponent implements InstanceService {
    private static final Logger LOG = LoggerFactory.getLogger(InstancesComponent.class);
    /** A create whose chosen host filled up meanwhile is placed again, this many times at most. */
    private static final int PLACEMENT_ATTEMPTS = 3;

    @Reference
    private InstanceViewComponent view;

    @Reference
    private JobService jobs;

    @Reference
    private HostService hosts;

    @Reference
    private Store store;

    /** Optional: without the quota feature, creates and resizes are not limited. */
    private volatile QuotaService quota;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, bind = "bindBus", unbind = "unbindBus")
    private volatile EventBus bus;
    private volatile EventBus.Subscription outcomesFeed;

    /** The highest-ranked policy: a scheduler feature replaces the built-in one at runtime. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlacementPolicy placement;

    private volatile CreateQueue queue;

    private NameClaims claims;
    private Placer placer;
    private RequestValidation validation;
    private JobOutcomes outcomes;
    private long claimGraceMillis;

    public InstancesComponent() {
    }

    /** For tests: wires what DS would inject. */
    InstancesComponent(InstanceViewComponent view, JobService jobs, HostService hosts, Store store,
                       QuotaService quota, PlacementPolicy placement) {
        this.view = view;
        this.jobs = jobs;
        this.hosts = hosts;
        this.store = store;
        this.quota = quota;
        this.placement = placement;
    }

    @Activate
    void activate(InstancesConfig config) {
        claims = new NameClaims(store, Clock.systemUTC());
        placer = new Placer(hosts, () -> quota, () -> placement);
        validation = new RequestValidation(config.maxCpu(), config.minMemoryMiB());
        claimGraceMillis = config.claimGraceSeconds() * 1000L;
        outcomes = new JobOutcomes(jobs, claims, () -> quota, placer::release, claimGraceMillis);
        outcomes.recover();
        listenForOutcomes(bus);
    }

    @Deactivate
    void deactivate() {
        EventBus.Subscription feed = outcomesFeed;
        outcomesFeed = null;
        if (feed != null) {
            feed.close();
        }
    }

    void bindBus(EventBus eventBus) {
        this.bus = eventBus;
        listenForOutcomes(eventBus);
    }

    void unbindBus(EventBus eventBus) {
        if (this.bus == eventBus) {
            this.bus = null;
        }
    }

    private synchronized void listenForOutcomes(EventBus eventBus) {
        if (eventBus == null || outcomes == null || outcomesFeed != null) {
            return;
        }
        outcomesFeed = eventBus.subscribe(Set.of(EventChannels.JOBS), event -> outcomes.finishedSomewhere(event.data()));
    }

    /** Optional: reservations live in the store, so a governor that arrives later finds them there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindQuota")
    void bindQuota(QuotaService governor) {
        this.quota = governor;
    }

    void unbindQuota(QuotaService governor) {
        if (this.quota == governor) {
            this.quota = null;
        }
    }

    /** Optional: where {@code queue: true} creates wait; without one they are refused when full, as others. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindQueue")
    void bindQueue(CreateQueue waiting) {
        this.queue = waiting;
    }

    void unbindQueue(CreateQueue waiting) {
        if (this.queue == waiting) {
            this.queue = null;
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
    public CreateAdmission admit(CreateInstance request, String owner) {
        try {
            return CreateAdmission.started(create(request));
        } catch (QuotaExceededException full) {
            CreateQueue waiting = queue;
            if (!request.queued() || waiting == null) {
                throw full;
            }
            // Validated and free of a name clash by now: create() checked both before it found no room.
            return CreateAdmission.waiting(waiting.enqueue(request, owner));
        }
    }

    @Override
    public Job create(CreateInstance request) {
        validation.create(request);
        String name = request.name();
        if (view.find(name).isPresent()) {
            throw new ConflictException("already-exists", "Instance '" + name + "' already exists");
        }
        CreateQueue waiting = queue;
        if (waiting != null && waiting.holds(name)) {
            throw new ConflictException("already-exists", "Instance '" + name + "' is waiting in the create queue");
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
            Job job = admitCreate(request);
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
        // A resize does not change the root disk: the instance keeps counting its present size.
        Job job = enqueueReserved(InstanceJobTypes.RESIZE, name, current.host(), request, cpu, memoryMiB,
                current.diskGiB(), current.host(), current.tenant());
        outcomes.track(job);
        return job;
    }

    @Override
    public Job start(String name) {
        return jobs.enqueue(InstanceJobTypes.START, name, Map.of(), on(existing(name)));
    }

    @Override
    public Job stop(String name, boolean force) {
        return jobs.enqueue(InstanceJobTypes.STOP, name, Map.of("force", force), on(existing(name)));
    }

    @Override
    public Job restart(String name, boolean force) {
        return jobs.enqueue(InstanceJobTypes.RESTART, name, Map.of("force", force), on(existing(name)));
    }

    @Override
    public Job delete(String name) {
        // The job outlives its instance: it names the tenant, so that the tenant still finds it afterwards.
        Instance instance = existing(name);
        Job job = jobs.enqueue(InstanceJobTypes.DELETE, name, Map.of("tenant", instance.tenant()), on(instance));
        outcomes.track(job);
        return job;
    }

    @Override
    public Job migrate(String name, String host) {
        Instance current = existing(name);
        if (host == null || host.isBlank()) {
            throw new ValidationException("host", "is required");
        }
        hosts.find(host).orElseThrow(() -> new NotFoundException("Host", host));
        if (host.equals(current.host())) {
            throw new ValidationException("host", "instance '" + name + "' already is on host " + host);
        }
        MigrationChecks.forwardsFree(current, host, view.list());
        Job job = enqueueReserved(InstanceJobTypes.MIGRATE, name, current.host(), Map.of("target", host),
                orZero(current.cpu()), orZero(current.memoryMiB()), current.diskGiB(), host, current.tenant());
        outcomes.track(job);
        return job;
    }

    /**
     * Places the create and reserves for it on the chosen host; when that host filled up between the choice and
     * the reservation (another node's create won it), places again.
     */
    private Job admitCreate(CreateInstance request) {
        for (int attempt = 1; ; attempt++) {
            Placement chosen = placer.place(request, null);
            try {
                return enqueueReserved(InstanceJobTypes.CREATE, request.name(), chosen.host(),
                        request.onHost(chosen.host()).withPlacement(chosen.config(), chosen.devices()),
                        request.cpu(), request.memoryMiB(), diskOf(request), chosen.host(), request.tenantOrDefault());
            } catch (QuotaExceededException e) {
                placer.release(request.name());
                if (request.host() != null || attempt >= PLACEMENT_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Host {} filled up before {} was reserved there; placing again", chosen.host(),
                        request.name());
            } catch (RuntimeException e) {
                placer.release(request.name());
                throw e;
            }
        }
    }

    /**
     * Reserves on {@code reserveOn} (when a governor is installed), enqueues on {@code host}, and keeps the
     * reservation only if the job exists.
     */
    private Job enqueueReserved(String type, String name, String host, Object payload, long cpu, long memoryMiB,
                                Long diskGiB, String reserveOn, String tenant) {
        QuotaService governor = quota;
        if (governor == null) {
            return jobs.enqueue(type, name, payload, JobOptions.onHost(host));
        }
        try (Reservation reservation = governor.reserve(name, reserveOn, (int) cpu, memoryMiB, diskGiB,
                tenant)) {
            Job job = jobs.enqueue(type, name, payload, JobOptions.onHost(host));
            reservation.commit();
            return job;
        }
    }

    private static JobOptions on(Instance instance) {
        return JobOptions.onHost(instance.host());
    }

    private Instance existing(String name) {
        return view.find(name).orElseThrow(() -> notFound(name));
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("Instance", name.length() > 64 ? name.substring(0, 64) + "..." : name);
    }

    /** The create's root disk, GiB; null for the pool's default (the governor counts its default size then). */
    private static Long diskOf(CreateInstance request) {
        return request.diskGiB() == null ? null : request.diskGiB().longValue();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
