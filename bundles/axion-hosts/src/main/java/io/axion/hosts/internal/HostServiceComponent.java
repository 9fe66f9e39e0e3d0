package io.axion.hosts.internal;

import io.axion.api.cluster.ClusterService;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.MembershipListener;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.event.EventBus;
import io.axion.api.host.Host;
import io.axion.api.host.HostAdminService;
import io.axion.api.host.HostAgent;
import io.axion.api.host.HostService;
import io.axion.api.host.HostSpec;
import io.axion.api.instance.InstanceService;
import io.axion.api.lxd.LxdConnector;
import io.axion.api.lxd.LxdHost;
import io.axion.api.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * The {@link HostService} and {@link HostAdminService}: host records from the store, one LXD connection per host,
 * ownership after membership ({@link Ownership}) and the {@link HostAgent} whiteboard. Every change of ownership
 * and every agent start or stop runs on one thread ({@code axion-hosts}), so they happen in a clear order.
 */
@Component(service = {HostService.class, HostAdminService.class}, configurationPid = HostsConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HostsConfig.class)
public class HostServiceComponent implements HostService, HostAdminService {
    private static final Logger LOG = LoggerFactory.getLogger(HostServiceComponent.class);

    @Reference
    private Store store;

    @Reference
    private ClusterService cluster;

    @Reference
    private LxdConnector connector;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventBus eventBus;

    /** Optional: which instances live on a host (allocations, and the refusal to remove a host in use). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstanceService instances;

    private final HostAgents agents = new HostAgents();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "axion-hosts");
        t.setDaemon(true);
        return t;
    });
    private HostRegistry registry;
    private HostConnections connections;
    private Ownership ownership;
    private HostStatusBoard board;
    private HostEventsPublisher events;
    private final List<AutoCloseable> listening = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Set<String> ownedNow = Set.of();

    @Activate
    void activate(HostsConfig config) {
        HostRepository repository = new HostRepository(store);
        registry = new HostRegistry(repository, cluster);
        connections = new HostConnections(connector);
        events = new HostEventsPublisher(() -> eventBus, this::find);
        board = new HostStatusBoard(cluster, this::ownedConnections, events::hostUpdated,
                Duration.ofSeconds(Math.max(1, config.statusSeconds())));
        ownership = new Ownership(cluster, agents, this::acquire, Duration.ofSeconds(Math.max(0, config.handBackSeconds())),
                Clock.systemUTC(), new Ownership.Changes() {
                    @Override
                    public void ownerChanged(String host) {
                        ownedNow = agents.owned();
                        board.ownerChanged(host);
                        events.hostUpdated(host);
                    }

                    @Override
                    public void nodeLeft(String node) {
                        events.nodeLeft(node);
                    }
                });
        new HostBootstrap(repository, connector, cluster.localNodeId()).bringSettingsHosts(config.hosts());
        registry.reload();
        listening.add(registry.listen(() -> thread.execute(this::reloadAndSweep)));
        listening.add(cluster.listen(new MembershipListener() {
            @Override
            public void memberJoined(ClusterMember member) {
                thread.execute(HostServiceComponent.this::sweep);
            }

            @Override
            public void memberLeft(ClusterMember member) {
                thread.execute(HostServiceComponent.this::sweep);
            }
        }));
        thread.execute(() -> {
            ownership.announceReady();
            events.nodeJoined(cluster.localNodeId());
        });
        int sweep = Math.max(100, config.sweepMillis());
        thread.scheduleWithFixedDelay(this::sweep, 0, sweep, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::reloadAndSweep, 10, 10, TimeUnit.SECONDS);
        board.start();
        LOG.info("Hosts: {} known; this node is {}", registry.records().size(), cluster.localNodeId());
    }

    @Deactivate
    void deactivate() {
        listening.forEach(HostServiceComponent::closeQuietly);
        board.close();
        try {
            thread.submit(() -> {
                ownership.withdraw();
                ownedNow = Set.of();
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Giving the hosts up at shutdown did not finish: {}", e.toString());
        }
        thread.shutdownNow();
        connections.close();
    }

    // --- the agent whiteboard ------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAgent(HostAgent agent) {
        thread.execute(() -> agents.agentAdded(agent));
    }

    void unbindAgent(HostAgent agent) {
        // Waits, so that an agent going away (its bundle stopping) finds its work stopped when this returns.
        try {
            thread.submit(() -> agents.agentRemoved(agent)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Stopping host agent {} did not finish: {}", agent, e.toString());
        }
    }

    // --- HostService -----------------------------------------------------------------------------------------

    @Override
    public List<Host> list() {
        return registry.records().stream().map(this::toHost).toList();
    }

    @Override
    public Optional<Host> find(String name) {
        return registry.find(name).map(this::toHost);
    }

    @Override
    public LxdHost lxd(String host) {
        return connections.get(registry.find(host).orElseThrow(() -> new NotFoundException("Host", host)));
    }

    @Override
    public java.util.Map<String, String> owners() {
        Set<String> live = ownership.liveMembers();
        java.util.Map<String, String> owners = new java.util.HashMap<>();
        for (HostRecord record : registry.records()) {
            String owner = ownership.ownerOf(record.name());
            if (owner != null && live.contains(owner)) {
                owners.put(record.name(), owner);
            }
        }
        return owners;
    }

    @Override
    public Set<String> localHosts() {
        return ownedNow;
    }

    @Override
    public String localNode() {
        return cluster.localNodeId();
    }

    // --- HostAdminService ------------------------------------------------------------------------------------

    @Override
    public Host add(HostSpec spec) {
        HostRecord record = HostValidation.record(spec, null);
        if (!registry.add(record)) {
            throw new ConflictException("host-exists", registry.conflict(record));
        }
        LOG.info("Host {} added: {}", record.name(), record.endpoint().describe());
        thread.execute(this::reloadAndSweep);
        return toHost(record);
    }

    @Override
    public void remove(String name) {
        registry.find(name).orElseThrow(() -> new NotFoundException("Host", name));
        InstanceService view = instances;
        long using = view == null ? 0 : view.list().stream().filter(i -> name.equals(i.host())).count();
        if (using > 0) {
            throw new ConflictException("host-in-use", "Host '" + name + "' still has " + using + " instance(s)");
        }
        registry.remove(name);
        LOG.info("Host {} removed", name);
        thread.execute(this::reloadAndSweep);
        events.hostRemoved(name);
    }

    // --- internals ---------------------------------------------------------------------------------------------

    private Host toHost(HostRecord record) {
        String owner = ownership.ownerOf(record.name());
        boolean ownerLive = owner != null && ownership.liveMembers().contains(owner);
        return HostViews.host(record, ownerLive ? owner : null, board.status(record.name()),
                HostViews.allocated(record.name(), instances));
    }

    private void acquire(HostRecord record) {
        agents.acquired(record.name(), connections.get(record));
        ownedNow = agents.owned();
    }

    private List<LxdConnector.Connection> ownedConnections() {
        return ownedNow.stream().map(registry::find).flatMap(Optional::stream).map(connections::get).toList();
    }

    private void sweep() {
        try {
            ownership.sweep(registry.records());
            ownedNow = agents.owned();
        } catch (RuntimeException e) {
            LOG.warn("The host ownership sweep failed: {}", e.toString());
        }
    }

    private void reloadAndSweep() {
        try {
            registry.reload();
            connections.retain(registry.records());
        } catch (RuntimeException e) {
            LOG.warn("Reading the hosts failed: {}", e.toString());
        }
        sweep();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed", closeable, e);
        }
    }
}
