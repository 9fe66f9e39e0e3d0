package io.axion.instances.internal;

import io.axion.api.cluster.ClusterService;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.host.HostAgent;
import io.axion.api.host.HostService;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceChange;
import io.axion.api.instance.InstanceDetails;
import io.axion.api.instance.InstanceListener;
import io.axion.api.instance.SnapshotSummary;
import io.axion.api.instance.Usage;
import io.axion.api.instance.UsageProvider;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.LxdHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Owns the {@link InstanceView} of every host's instances and what keeps it current. For each host this node owns
 * (it is a {@link HostAgent}), a {@link ViewRefresher} follows the host's LXD events and re-lists it periodically,
 * and what it finds is written to the view, to the cluster's {@link SharedInstances} and to the event bus; every
 * node mirrors the shared map into its own view, so every node serves every host's instances from memory. Usage is
 * added per read from the optional {@link UsageProvider}, and the owning node as each instance's {@code node}.
 */
@Component(service = {InstanceViewComponent.class, HostAgent.class}, configurationPid = InstancesConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = InstancesConfig.class)
public class InstanceViewComponent implements HostAgent {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceViewComponent.class);

    private final List<InstanceListener> listeners = new CopyOnWriteArrayList<>();
    /** Snapshots per instance, read on first demand and dropped whenever the instance is re-read after an event. */
    private final Map<String, List<SnapshotSummary>> snapshotCache = new ConcurrentHashMap<>();
    private final Map<String, ViewRefresher> refreshers = new ConcurrentHashMap<>();
    private final Stamps stamps = new Stamps();
    private final InstanceView view = new InstanceView();

    @Reference
    private HostService hosts;

    @Reference
    private ClusterService cluster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UsageProvider usage;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventBus eventBus;

    private SharedInstances shared;
    private AutoCloseable mirroring;
    private volatile boolean mirrored;
    private Duration reconcilePeriod = Duration.ofSeconds(15);

    public InstanceViewComponent() {
    }

    /** For tests: wires what DS would inject. */
    InstanceViewComponent(HostService hosts, ClusterService cluster) {
        this.hosts = hosts;
        this.cluster = cluster;
    }

    @Activate
    void activate(InstancesConfig config) {
        reconcilePeriod = Duration.ofSeconds(Math.max(1, config.reconcileSeconds()));
        shared = new SharedInstances(cluster);
        SharedInstances.Listener mirror = new SharedInstances.Listener() {
            @Override
            public void updated(String host, SharedInstances.Stamped instance) {
                view.put(host, instance.info(), instance.stamp()).ifPresent(c -> tellListeners(c));
            }

            @Override
            public void removed(String host, String name) {
                // The owner removed it after LXD said it is gone; the owner's own view already applied it.
                if (!hosts.isLocal(host)) {
                    view.remove(host, name, stamps.next()).ifPresent(c -> tellListeners(c));
                }
            }
        };
        mirroring = shared.listen(mirror);
        shared.forEach(mirror);
        mirrored = true;
    }

    @Deactivate
    void deactivate() {
        refreshers.values().forEach(ViewRefresher::close);
        refreshers.clear();
        if (mirroring != null) {
            try {
                mirroring.close();
            } catch (Exception e) {
                LOG.debug("Closing the instance mirror failed", e);
            }
        }
    }

    // --- HostAgent: the owner's part ----------------------------------------------------------------------------

    @Override
    public AutoCloseable hostAcquired(String host, LxdHost lxd) {
        ViewRefresher refresher = new ViewRefresher(host, lxd.instances(), new OwnerSink(host), stamps,
                snapshotCache::remove);
        refreshers.put(host, refresher);
        var subscription = lxd.events().subscribe(refresher);
        refresher.start(reconcilePeriod);
        return () -> {
            subscription.close();
            refreshers.remove(host, refresher);
            refresher.close();
        };
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
        Map<String, String> owners = hosts.owners();
        List<Instance> all = view.list();
        List<Instance> shown = new ArrayList<>(all.size());
        for (Instance instance : all) {
            shown.add(shown(instance, owners, provider));
        }
        return shown;
    }

    Optional<Instance> find(String name) {
        ensureLoaded();
        return view.find(name).map(instance -> shown(instance, hosts.owners(), usage));
    }

    /** The instance with its config and snapshots; the snapshots cost one LXD call the first time only. */
    Optional<InstanceDetails> details(String name) {
        Optional<Instance> instance = find(name);
        Optional<InstanceInfo> info = view.info(name);
        if (instance.isEmpty() || info.isEmpty()) {
            return Optional.empty();
        }
        String host = instance.get().host();
        List<SnapshotSummary> snapshots = snapshotCache.computeIfAbsent(name, n -> hosts.lxd(host).snapshots()
                .list(n).stream().map(s -> new SnapshotSummary(s.name(), s.createdAt(), s.stateful())).toList());
        return Optional.of(InstanceDetails.of(instance.get(), ConfigRedaction.visible(info.get().config()),
                snapshots));
    }

    /**
     * Until the mirror has loaded and each host this node owns has been listed once (just after start), a missing
     * instance may still exist: wait briefly rather than answer 404 or accept a duplicate name. Request threads
     * never call LXD themselves, so an unreachable LXD cannot hold them for its timeout.
     */
    private void ensureLoaded() {
        if (!mirrored) {
            return;
        }
        var owned = hosts.localHosts();
        if (owned.stream().allMatch(view::listed)) {
            return;
        }
        try {
            view.awaitListed(owned, Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether this node's part of the view agrees with LXD: every host it owns was listed since its events were last
     * interrupted (see {@link ViewRefresher#current}). The rest of the view is the owners' to keep current.
     */
    boolean current() {
        return refreshers.values().stream().allMatch(ViewRefresher::current);
    }

    // --- updates from jobs (on the host's owner) -----------------------------------------------------------------

    /** Re-reads one instance now (a job just changed it). */
    Optional<InstanceInfo> refresh(String host, String name) {
        ViewRefresher refresher = refreshers.get(host);
        if (refresher != null) {
            return refresher.refreshNow(name);
        }
        long stamp = stamps.next();
        Optional<InstanceInfo> info = hosts.lxd(host).instances().find(name);
        OwnerSink sink = new OwnerSink(host);
        if (info.isPresent()) {
            sink.put(info.get(), stamp);
        } else {
            sink.remove(name, stamp);
        }
        snapshotCache.remove(name);
        return info;
    }

    /** Applies what a job saw; {@code stamp} must have been taken before the LXD call that returned it. */
    void put(String host, InstanceInfo info, long stamp) {
        new OwnerSink(host).put(info, stamp);
        snapshotCache.remove(info.name());
    }

    void removed(String host, String name, long stamp) {
        new OwnerSink(host).remove(name, stamp);
        snapshotCache.remove(name);
    }

    long stamp() {
        return stamps.next();
    }

    /** Re-lists a host now, on the caller's thread. */
    void reconcile(String host) {
        long stamp = stamps.next();
        new OwnerSink(host).replaceAll(hosts.lxd(host).instances().list(), stamp);
    }

    // --- internals ---------------------------------------------------------------------------------------------

    private static Instance shown(Instance instance, Map<String, String> owners, UsageProvider provider) {
        Instance labelled = instance.withNode(owners.get(instance.host()));
        if (provider == null) {
            return labelled;
        }
        try {
            return labelled.withUsage(provider.usage(instance.name()).orElse(Usage.NONE));
        } catch (RuntimeException e) {
            return labelled;
        }
    }

    /** The owner's writes: to the view, then (when the view took them) to the cluster, the listeners and the bus. */
    private final class OwnerSink implements ViewRefresher.Sink {
        private final String host;

        OwnerSink(String host) {
            this.host = host;
        }

        @Override
        public void put(InstanceInfo info, long stamp) {
            view.put(host, info, stamp).ifPresent(change -> {
                shared.put(host, info, stamp);
                announce(change);
            });
        }

        @Override
        public void remove(String name, long stamp) {
            view.remove(host, name, stamp).ifPresent(change -> {
                shared.remove(host, name);
                announce(change);
            });
        }

        @Override
        public void replaceAll(List<InstanceInfo> all, long stamp) {
            Map<String, InstanceInfo> byName = new java.util.HashMap<>();
            all.forEach(info -> byName.put(info.name(), info));
            for (InstanceChange change : view.replaceAll(host, all, stamp)) {
                if (change.kind() == InstanceChange.Kind.REMOVED) {
                    shared.remove(host, change.name());
                } else {
                    shared.put(host, byName.get(change.name()), stamp);
                }
                announce(change);
            }
        }

        @Override
        public boolean listed() {
            return view.listed(host);
        }
    }

    private void announce(InstanceChange change) {
        tellListeners(change);
        EventBus bus = eventBus;
        if (bus != null) {
            try {
                bus.publish(AxionEvent.of(EventChannels.INSTANCES, "instance-" + change.kind().name().toLowerCase(),
                        InstanceJson.eventData(change, hosts.localNode())));
            } catch (RuntimeException e) {
                LOG.debug("Publishing the change of {} failed: {}", change.name(), e.getMessage());
            }
        }
    }

    private void tellListeners(InstanceChange change) {
        for (InstanceListener listener : listeners) {
            try {
                listener.instanceChanged(change);
            } catch (RuntimeException e) {
                LOG.warn("An instance listener failed on {} of {}", change.kind(), change.name(), e);
            }
        }
    }
}
