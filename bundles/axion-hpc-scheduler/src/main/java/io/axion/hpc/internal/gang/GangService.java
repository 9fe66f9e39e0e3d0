package io.axion.hpc.internal.gang;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.error.AxionException;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.host.Host;
import io.axion.api.host.HostService;
import io.axion.api.host.HostState;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.instance.QueuedCreate;
import io.axion.api.job.Job;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.placement.HostCandidate;
import io.axion.api.quota.QuotaExceededException;
import io.axion.api.store.Store;
import io.axion.api.tenant.TenantScope;
import io.axion.hpc.internal.HpcConfig;
import io.axion.hpc.internal.HpcPlacementPolicy;
import io.axion.hpc.internal.ReservationLedger;
import io.axion.hpc.internal.allocation.Pin;
import io.axion.hpc.internal.queue.QueueItem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gangs: reserves every member's pin in one ledger transaction (or none, and then refuses or queues the whole gang),
 * and hands the creates to one {@value GangJobHandler#CREATE} job. Queued gangs are looked at every
 * {@code queueSeconds} by whichever node holds the gang dispatch lock, in {@link GangQueue#order}, none overtaking
 * the first that still does not fit.
 */
@Component(service = GangService.class, configurationPid = HpcConfig.PID)
public class GangService {
    private static final Logger LOG = LoggerFactory.getLogger(GangService.class);
    static final String DISPATCH_LOCK = "hpc-gang-dispatch";
    private static final Duration DISPATCH_LEASE = Duration.ofMinutes(2);

    @Reference
    private Store store;

    @Reference
    private HpcPlacementPolicy policy;

    @Reference
    private HostService hosts;

    @Reference
    private InstanceService instances;

    @Reference
    private JobService jobs;

    @Reference
    private ClusterService cluster;

    private GangStore gangs;
    private ScheduledExecutorService timer;

    @Activate
    void activate(HpcConfig config) {
        gangs = new GangStore(store, Clock.systemUTC());
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "axion-hpc-gangs"));
        timer.scheduleWithFixedDelay(this::tick, 1, Math.max(1, config.queueSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    GangStore store() {
        return gangs;
    }

    /**
     * Places the gang, made in {@code tenant} (members too, so they count against its quota: one refused for it
     * fails the whole gang), and starts its create job; with no room, queues it ({@code queue: true}) or refuses it
     * (422 {@code quota-exceeded}) having reserved and created nothing.
     * <p>
     * Gang names are unique across the cluster, not per tenant: the members are instances named
     * {@code <gang>-<index>}, and instance names are unique across the cluster (LXD knows an instance by that name
     * alone), so two tenants' gangs of one name would collide on their members anyway. A name another tenant holds
     * is therefore 409, as a taken instance name is.
     */
    public GangView create(GangRequest request, String owner, String tenant) {
        if (request == null) {
            throw new ValidationException("body", "a JSON object {name, count, template, spread?, queue?} is required");
        }
        request.validate();
        if (gangs.find(request.name()).isPresent()) {
            throw new ConflictException("already-exists", "Gang '" + request.name() + "' already exists");
        }
        for (String member : request.memberNames()) {
            if (instances.find(member).isPresent()) {
                throw new ConflictException("already-exists", "Instance '" + member + "' already exists");
            }
        }
        Optional<List<Pin>> pins = policy.scheduler().reserveGang(request.pinRequests(), candidates(),
                request.spreadOrDefault());
        if (pins.isEmpty()) {
            if (!request.queued()) {
                throw new QuotaExceededException("No room for all " + request.count() + " members of gang '"
                        + request.name() + "' (cpu " + request.template().cpu() + ", memoryMiB "
                        + request.template().memoryMiB() + " each); nothing was reserved");
            }
            gangs.add(request, owner, tenant, GangStore.QUEUED, null);
            LOG.info("Gang {} of tenant {} ({} members) waits in the queue for room", request.name(), tenant,
                    request.count());
            timer.execute(this::tick);
            return get(request.name(), null);
        }
        try {
            gangs.add(request, owner, tenant, GangStore.CREATING, pins.get());
        } catch (RuntimeException e) {
            release(request);
            throw e;
        }
        start(request.name());
        return get(request.name(), null);
    }

    private void start(String name) {
        Job job = jobs.enqueue(GangJobHandler.CREATE, null, Map.of("gang", name),
                JobOptions.defaults().withMaxAttempts(1));
        gangs.state(name, GangStore.CREATING, job.id(), null);
        LOG.info("Gang {} placed; job {} creates its members", name, job.id());
    }

    /** Deletes every member (and forgets the gang) in one job; another tenant's gang is 404 and stays as it is. */
    public Job delete(String name, TenantScope scope) {
        GangStore.Gang gang = visible(name, scope);
        // Deleting first: a queued gang is no longer dispatched from now on.
        gangs.state(name, GangStore.DELETING, null, null);
        Job job = jobs.enqueue(GangJobHandler.DELETE, null, Map.of("gang", gang.name()),
                JobOptions.defaults().withMaxAttempts(3));
        gangs.state(name, GangStore.DELETING, job.id(), null);
        return job;
    }

    /** The waiting gangs the scope sees, next first, with their place among all waiting gangs. */
    public List<QueueItem> queued(TenantScope scope) {
        List<GangStore.Gang> ordered = GangQueue.order(gangs.queued());
        List<QueueItem> items = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (GangTenancy.sees(scope, ordered.get(i).tenant())) {
                items.add(GangQueue.item(ordered.get(i), i + 1));
            }
        }
        return items;
    }

    /** The gang as a queue line (waiting with its position, or left the queue); 404 as {@link #get}. */
    public QueueItem queueItem(String name, TenantScope scope) {
        GangStore.Gang gang = visible(name, scope);
        return queued(scope).stream().filter(item -> item.name().equals(name)).findFirst()
                .orElseGet(() -> GangQueue.item(gang, null));
    }

    /**
     * Takes a waiting gang out of the queue (it holds no pins nor members yet, so nothing else is undone); 409 once
     * it was placed, 403 when {@code mayCancel} says no, 404 as {@link #get}.
     */
    public QueueItem cancelQueued(String name, TenantScope scope, Predicate<QueueItem> mayCancel) {
        QueueItem item = queueItem(name, scope);
        if (!QueuedCreate.QUEUED.equals(item.state())) {
            throw new ConflictException("not-queued", "Gang '" + name + "' has " + item.state() + " already");
        }
        if (!mayCancel.test(item)) {
            throw new AxionException(403, "forbidden", "Forbidden", "Only its owner or an admin cancels gang "
                    + name);
        }
        if (!gangs.cancelQueued(name)) {
            throw new ConflictException("not-queued", "Gang '" + name + "' left the queue meanwhile");
        }
        LOG.info("Queued gang {} cancelled", name);
        return item;
    }

    /** The gangs the scope sees: its tenant's, or every one (a global admin naming no tenant, the shell). */
    public List<GangView> list(TenantScope scope) {
        Map<String, ReservationLedger.Reservation> pins = pins();
        return gangs.list(scope).stream().map(g -> view(g, pins)).toList();
    }

    /** The gang; 404 when there is none or it is another tenant's (the two answer alike). */
    public GangView get(String name, TenantScope scope) {
        return view(visible(name, scope), pins());
    }

    /** The gang's row (no member states: cheap enough for every poll of a run's stream); 404 as {@link #get}. */
    public GangStore.Gang visible(String name, TenantScope scope) {
        return gangs.find(name, scope).orElseThrow(() -> new NotFoundException("Gang", name));
    }

    private Map<String, ReservationLedger.Reservation> pins() {
        return policy.reservations().stream().collect(Collectors.toMap(ReservationLedger.Reservation::instance,
                Function.identity(), (a, b) -> a));
    }

    private GangView view(GangStore.Gang gang, Map<String, ReservationLedger.Reservation> pins) {
        List<GangView.Member> members = gangs.members(gang.name()).stream().map(m -> {
            ReservationLedger.Reservation pin = pins.get(m.name());
            String cpus = pin == null || pin.cpus().isEmpty() ? null
                    : io.axion.hpc.internal.allocation.CpuSet.format(pin.cpus());
            String state = instances.find(m.name()).map(Instance::status).orElse("absent");
            return new GangView.Member(m.name(), m.index(), m.host(), state, cpus,
                    pin == null ? List.of() : pin.gpus());
        }).toList();
        GangRequest request = gang.request();
        return new GangView(gang.name(), gang.owner(), gang.tenant(), gang.state(), request.count(),
                request.spreadOrDefault().text(), request.template(), gang.jobId(), gang.reason(), gang.createdAt(),
                members);
    }

    /** The hosts as the gang planner sees them: their capacity and what their instances hold. */
    List<HostCandidate> candidates() {
        return hosts.list().stream().map(GangService::candidate).toList();
    }

    private static HostCandidate candidate(Host host) {
        return new HostCandidate(host.name(), host.state() == HostState.ONLINE, host.capacity(), host.allocated());
    }

    /** Frees every member's pin (harmless for members that hold none). */
    void release(GangRequest request) {
        request.memberNames().forEach(policy::release);
    }

    private void tick() {
        try {
            if (gangs.queued().isEmpty()) {
                return;
            }
            Optional<ClusterLock> lock = cluster.tryLock(DISPATCH_LOCK, Duration.ZERO, DISPATCH_LEASE);
            if (lock.isEmpty()) {
                return;
            }
            try (ClusterLock held = lock.get()) {
                dispatch();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Queued gangs could not be dispatched: {}", e.getMessage(), e);
        }
    }

    /**
     * Starts queued gangs in {@link GangQueue#order} (priority, turns between owners, age), until the first that
     * still does not fit (it blocks those behind it).
     */
    void dispatch() {
        for (GangStore.Gang gang : GangQueue.order(gangs.queued())) {
            GangRequest request = gang.request();
            Optional<List<Pin>> pins = policy.scheduler().reserveGang(request.pinRequests(), candidates(),
                    request.spreadOrDefault());
            if (pins.isEmpty()) {
                return;
            }
            if (!gangs.placed(request, pins.get())) {
                // Deleted meanwhile.
                release(request);
                continue;
            }
            start(gang.name());
        }
    }
}
