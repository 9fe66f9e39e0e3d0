package io.axion.firewall.internal;

import io.axion.api.error.NotFoundException;
import io.axion.api.error.ServiceUnavailableException;
import io.axion.api.firewall.FirewallPolicy;
import io.axion.api.firewall.FirewallService;
import io.axion.api.host.Host;
import io.axion.api.host.HostService;
import io.axion.api.network.ForwardSourcesListener;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceChange;
import io.axion.api.instance.InstanceListener;
import io.axion.api.instance.InstanceNames;
import io.axion.api.instance.InstanceService;
import io.axion.api.lxd.InstanceNic;
import io.axion.api.lxd.LxdNetworks;
import io.axion.api.store.Store;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances' firewalls: keeps each policy in the store and applies it to the instance's veth on the node that owns
 * the instance's host, when it is saved, when the instance starts (its veth is new then), at start of Axion and
 * every {@code reconcileSeconds} (so a start this node missed, or a restart of Axion, is caught up). Instances
 * without a stored policy cost nothing: no nft call at all.
 * <p>
 * Between an instance's start and its rules being applied there is a short window (one LXD state read and one nft
 * call, well under a second here) in which its port is not filtered.
 */
@Component(service = {FirewallService.class, InstanceListener.class, ForwardSourcesListener.class,
        FirewallManager.class},
        configurationPid = FirewallConfig.PID)
@Designate(ocd = FirewallConfig.class)
public class FirewallManager implements FirewallService, InstanceListener, ForwardSourcesListener {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallManager.class);

    private final FirewallRepository repository;
    private final InstanceService instances;
    private final HostService hosts;
    private final NftTable table;
    private final ForwardGuard forwardGuard;
    private final Clock clock;
    private final ScheduledExecutorService worker;

    @Activate
    public FirewallManager(@Reference Store store, @Reference InstanceService instances,
                           @Reference HostService hosts, FirewallConfig config) {
        this(new FirewallRepository(store), instances, hosts, new NftTable(new Nft(config.nft()), config.table()),
                new ForwardGuard(hosts, new Nft(config.nft()), config.table()), Clock.systemUTC());
        worker.execute(this::reconcileQuietly);
        if (config.reconcileSeconds() > 0) {
            worker.scheduleWithFixedDelay(this::reconcileQuietly, config.reconcileSeconds(), config.reconcileSeconds(),
                    TimeUnit.SECONDS);
        }
    }

    FirewallManager(FirewallRepository repository, InstanceService instances, HostService hosts, NftTable table,
                    ForwardGuard forwardGuard, Clock clock) {
        this.repository = repository;
        this.instances = instances;
        this.hosts = hosts;
        this.table = table;
        this.forwardGuard = forwardGuard;
        this.clock = clock;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "axion-firewall");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    @Override
    public FirewallPolicy get(String instance) {
        requireInstance(instance);
        return repository.find(instance).orElse(FirewallPolicy.OPEN);
    }

    /** Checks everything first, applies, and only then stores: a policy nft refused is not kept. */
    @Override
    public FirewallPolicy put(String instance, FirewallPolicy policy) {
        InstanceNames.requireValid("name", instance);
        FirewallPolicy canonical = PolicyRules.canonical(policy);
        Instance found = requireInstance(instance);
        try {
            applyTo(found, canonical);
        } catch (Nft.NftException e) {
            throw new ServiceUnavailableException("firewall-unavailable",
                    "The rules could not be applied on this host: " + e.getMessage(), e);
        }
        repository.save(instance, canonical, clock.instant());
        LOG.info("Firewall of {}: default ingress {}, {} rule(s)", instance, canonical.defaultIngress(),
                canonical.rules().size());
        return canonical;
    }

    /** The instance's NIC on the bridge, for its details; empty when it is stopped or has none. */
    Optional<InstanceNic> nic(String instance) {
        Instance found = requireInstance(instance);
        if (!found.running()) {
            return Optional.empty();
        }
        try {
            return hosts.lxd(found.host()).networks().nic(instance);
        } catch (UnsupportedOperationException noNetworks) {
            return Optional.empty();
        }
    }

    Optional<String> bridge(String instance) {
        Instance found = requireInstance(instance);
        try {
            return hosts.lxd(found.host()).networks().bridge();
        } catch (UnsupportedOperationException noNetworks) {
            return Optional.empty();
        }
    }

    @Override
    public void instanceChanged(InstanceChange change) {
        Instance after = change.after();
        Instance before = change.before();
        boolean hadForwards = before != null && !before.forwards().isEmpty();
        boolean forwardsChanged = after == null ? hadForwards
                : before == null ? !after.forwards().isEmpty() : !before.forwards().equals(after.forwards());
        if (forwardsChanged) {
            worker.execute(this::guardForwardsQuietly);
        }
        boolean started = after != null && after.running() && (change.before() == null || !change.before().running());
        if (started) {
            worker.execute(() -> {
                try {
                    repository.find(after.name()).ifPresent(policy -> applyTo(after, policy));
                } catch (RuntimeException e) {
                    LOG.warn("Could not apply the firewall of {} after its start: {}", after.name(), e.getMessage());
                }
            });
        } else if (change.kind() == InstanceChange.Kind.REMOVED || (after != null && !after.running())) {
            worker.execute(this::removeStaleQuietly);
        }
    }

    /** Applies every stored policy of an instance running on a host of this node, then drops stale chains. */
    void reconcile() {
        Map<String, FirewallPolicy> all = repository.all();
        for (Map.Entry<String, FirewallPolicy> entry : all.entrySet()) {
            Optional<Instance> instance = instances.find(entry.getKey());
            if (instance.isEmpty()) {
                continue;
            }
            try {
                applyTo(instance.get(), entry.getValue());
            } catch (RuntimeException e) {
                LOG.warn("Could not apply the firewall of {}: {}", entry.getKey(), e.getMessage());
            }
        }
        if (!all.isEmpty()) {
            removeStaleQuietly();
        }
        guardForwardsQuietly();
    }

    /** Synchronous, for the forward service: a host of this node gets its filter now (or the add is refused). */
    @Override
    public void sourcesChanged(String host) {
        Host found = hosts.get(host);
        if (hosts.isLocal(host) && !found.endpoint().remote()) {
            forwardGuard.apply(found);
        }
    }

    private void guardForwardsQuietly() {
        try {
            forwardGuard.applyAll();
        } catch (RuntimeException e) {
            LOG.warn("Could not apply the port forwards' allowed sources: {}", e.getMessage());
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("Firewall reconcile failed: {}", e.getMessage());
        }
    }

    private void removeStaleQuietly() {
        try {
            int removed = table.removeStale();
            if (removed > 0) {
                LOG.debug("Removed the chains of {} veth(s) that are gone", removed);
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not remove stale firewall chains: {}", e.getMessage());
        }
    }

    /**
     * nft acts on this machine only: a host is applied here when this node owns it and its LXD is this machine's
     * socket. A running instance without a NIC on the bridge (bridge off) has nothing to filter.
     */
    private void applyTo(Instance instance, FirewallPolicy policy) {
        if (!instance.running() || !hosts.isLocal(instance.host()) || hosts.get(instance.host()).endpoint().remote()) {
            return;
        }
        LxdNetworks networks = hosts.lxd(instance.host()).networks();
        Optional<InstanceNic> nic = networks.nic(instance.name());
        if (nic.isEmpty()) {
            return;
        }
        table.apply(nic.get().hostInterface(), policy, networks.bridgeAddress().orElse(null));
    }

    private Instance requireInstance(String name) {
        InstanceNames.requireValid("name", name);
        return instances.find(name).orElseThrow(() -> new NotFoundException("Instance", name));
    }
}
