package io.axion.instances.internal;

import io.axion.api.cluster.ClusterService;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceChange;
import io.axion.api.instance.InstanceDetails;
import io.axion.api.instance.InstanceListener;
import io.axion.api.instance.SnapshotSummary;
import io.axion.api.instance.Usage;
import io.axion.api.instance.UsageProvider;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.LxdEvents;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the {@link InstanceView} and what keeps it current (LXD events, periodic reconcile), adds usage per read
 * from the optional {@link UsageProvider}, and tells {@link InstanceListener}s and the event bus of changes.
 */
@Component(service = InstanceViewComponent.class, configurationPid = InstancesConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = InstancesConfig.class)
public class InstanceViewComponent {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceViewComponent.class);

    private final List<InstanceListener> listeners = new CopyOnWriteArrayList<>();
    /** Snapshots per instance, read on first demand and dropped whenever the instance is re-read after an event. */
    private final Map<String, List<SnapshotSummary>> snapshotCache = new ConcurrentHashMap<>();
    private final Stamps stamps = new Stamps();
    private final AtomicLong lastLoadAttempt = new AtomicLong(System.nanoTime() - 10_000_000_000L);

    @Reference
    private LxdInstances lxd;

    @Reference
    private LxdSnapshots lxdSnapshots;

    @Reference
    private LxdEvents events;

    @Reference
    private ClusterService cluster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UsageProvider usage;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventBus eventBus;

    private InstanceView view;
    private ViewRefresher refresher;
    private LxdEvents.Subscription subscription;

    public InstanceViewComponent() {
    }

    /** For tests: wires what DS would inject. */
    InstanceViewComponent(LxdInstances lxd, LxdSnapshots snapshots, LxdEvents events, ClusterService cluster) {
        this.lxd = lxd;
        this.lxdSnapshots = snapshots;
        this.events = events;
        this.cluster = cluster;
    }

    @Activate
    void activate(InstancesConfig config) {
        view = new InstanceView(cluster.localNodeId(), this::announce);
        refresher = new ViewRefresher(lxd, view, stamps, snapshotCache::remove);
        subscription = events.subscribe(refresher);
        refresher.start(Duration.ofSeconds(Math.max(1, config.reconcileSeconds())));
    }

    @Deactivate
    void deactivate() {
        if (subscription != null) {
            subscription.close();
        }
        if (refresher != null) {
            refresher.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(InstanceListener listener) {
        listeners.add(listener);
    }

    void unbindListener(InstanceListener listener) {
        listeners.remove(listener);
    }

    void setUsageProvider(UsageProvider provider) {
        this.usage = provider;
    }

    // --- reads -----------------------------------------------------------------------------------------------

    List<Instance> list() {
        ensureLoaded();
        UsageProvider provider = usage;
        List<Instance> all = view.list();
        if (provider == null) {
            return all;
        }
        List<Instance> withUsage = new ArrayList<>(all.size());
        for (Instance instance : all) {
            withUsage.add(withUsage(instance, provider));
        }
        return withUsage;
    }

    Optional<Instance> find(String name) {
        ensureLoaded();
        UsageProvider provider = usage;
        Optional<Instance> found = view.find(name);
        return provider == null ? found : found.map(instance -> withUsage(instance, provider));
    }

    /** The instance with its config and snapshots; the snapshots cost one LXD call the first time only. */
    Optional<InstanceDetails> details(String name) {
        Optional<Instance> instance = find(name);
        Optional<InstanceInfo> info = view.info(name);
        if (instance.isEmpty() || info.isEmpty()) {
            return Optional.empty();
        }
        List<SnapshotSummary> snapshots = snapshotCache.computeIfAbsent(name, n -> lxdSnapshots.list(n).stream()
                .map(s -> new SnapshotSummary(s.name(), s.createdAt(), s.stateful())).toList());
        return Optional.of(InstanceDetails.of(instance.get(), ConfigRedaction.visible(info.get().config()),
                snapshots));
    }

    /**
     * Until the first full listing has been applied (just after start, or while LXD was unreachable since), a
     * missing instance may still exist: list now rather than answer 404 or accept a duplicate name. Once loaded,
     * this is one volatile read.
     */
    private void ensureLoaded() {
        if (!view.loaded()) {
            long now = System.nanoTime();
            long last = lastLoadAttempt.get();
            // While LXD does not answer, at most one caller tries every 2 s; the others get what the view has.
            if (now - last < 2_000_000_000L || !lastLoadAttempt.compareAndSet(last, now)) {
                return;
            }
            try {
                refresher.reconcile();
            } catch (RuntimeException e) {
                LOG.debug("The first listing of LXD's instances failed: {}", e.getMessage());
            }
        }
    }

    // --- updates from jobs -------------------------------------------------------------------------------------

    /** Re-reads one instance now (a job just changed it). */
    Optional<InstanceInfo> refresh(String name) {
        return refresher.refreshNow(name);
    }

    /** Applies what a job saw; {@code stamp} must have been taken before the LXD call that returned it. */
    void put(InstanceInfo info, long stamp) {
        view.put(info, stamp);
        snapshotCache.remove(info.name());
    }

    void removed(String name, long stamp) {
        view.remove(name, stamp);
        snapshotCache.remove(name);
    }

    long stamp() {
        return stamps.next();
    }

    /** Re-lists now, on the caller's thread. */
    void reconcile() {
        refresher.reconcile();
    }

    // --- internals ---------------------------------------------------------------------------------------------

    private static Instance withUsage(Instance instance, UsageProvider provider) {
        try {
            return instance.withUsage(provider.usage(instance.name()).orElse(Usage.NONE));
        } catch (RuntimeException e) {
            return instance;
        }
    }

    private void announce(InstanceChange change) {
        for (InstanceListener listener : listeners) {
            try {
                listener.instanceChanged(change);
            } catch (RuntimeException e) {
                LOG.warn("An instance listener failed on {} of {}", change.kind(), change.name(), e);
            }
        }
        EventBus bus = eventBus;
        if (bus != null) {
            try {
                bus.publish(AxionEvent.of(EventChannels.INSTANCES, "instance-" + change.kind().name().toLowerCase(),
                        InstanceJson.eventData(change)));
            } catch (RuntimeException e) {
                LOG.debug("Publishing the change of {} failed: {}", change.name(), e.getMessage());
            }
        }
    }
}
