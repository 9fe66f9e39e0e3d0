package io.axion.network.internal;

import io.axion.api.AxionConstants;
import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.LxdForwards;
import io.axion.api.host.HostService;
import io.axion.api.host.InstanceRouter;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.lxd.LxdInstances;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.network.Forward;
import io.axion.api.network.ForwardRequest;
import io.axion.api.network.ForwardService;
import io.axion.api.snapshot.SnapshotNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.axion.api.firewall.Ipv4Cidr;
import io.axion.api.error.ServiceUnavailableException;
import io.axion.api.error.ValidationException;
import io.axion.api.network.ForwardSourcesListener;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port forwards, race-free across the cluster: a request holds the instance's lock ({@code instance:<name>}, the
 * one its jobs hold, so a restore cannot drop a forward being added) and then the port's lock
 * ({@link ForwardService#portLock}) while it checks every instance's forwards and the host,
 * and adds the device. Always in that order, so two requests never wait on each other crosswise.
 */
@Component(service = ForwardService.class, configurationPid = AxionConstants.PID_NETWORK)
@Designate(ocd = NetworkConfig.class)
public class ForwardManager implements ForwardService {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardManager.class);
    private static final Duration LOCK_LEASE = Duration.ofSeconds(60);
    private static final PortRules DEFAULT_RULES = new PortRules(10000, 60000, "127.0.0.1");

    private final Function<String, Optional<String>> hostOf;
    private final Function<String, List<InstanceInfo>> instancesOn;
    private final Predicate<String> onThisMachine;
    private final LxdForwards forwards;
    /** Where a forward's allowed sources are kept: the instance's config ({@link ForwardService#SOURCES_KEY_PREFIX}). */
    private final LxdInstances configs;
    private final ClusterService cluster;
    private final HostPorts hostPorts;
    private final List<ForwardSourcesListener> sourceGuards = new CopyOnWriteArrayList<>();
    private volatile PortRules rules = DEFAULT_RULES;
    private volatile boolean probeHostPorts = true;
    /** How long a request waits for a job on the instance, or another request on the port, to finish. */
    private volatile Duration lockWait = Duration.ofSeconds(10);

    @Activate
    public ForwardManager(@Reference HostService hosts, @Reference InstanceService view,
                          @Reference ClusterService cluster, NetworkConfig config) {
        this(name -> view.find(name).map(Instance::host), host -> hosts.lxd(host).instances().list(),
                // Only a host whose LXD is this machine's socket listens on this machine's ports.
                host -> !hosts.get(host).endpoint().remote(),
                new InstanceRouter(hosts, name -> view.find(name).map(Instance::host)).forwards(),
                new InstanceRouter(hosts, name -> view.find(name).map(Instance::host)).instances(), cluster,
                new SocketHostPorts());
        configure(config);
    }

    /** One host ({@code h1}) on this machine, for tests. */
    ForwardManager(LxdInstances instances, LxdForwards forwards, ClusterService cluster, HostPorts hostPorts) {
        this(name -> instances.find(name).map(i -> "h1"), host -> instances.list(), host -> true, forwards, instances,
                cluster, hostPorts);
    }

    /**
     * @param hostOf        the host of an instance, by name
     * @param instancesOn   a host's instances as its LXD has them
     * @param onThisMachine whether a host's proxy devices listen on this machine (so that its ports can be probed)
     */
    ForwardManager(Function<String, Optional<String>> hostOf, Function<String, List<InstanceInfo>> instancesOn,
                   Predicate<String> onThisMachine, LxdForwards forwards, LxdInstances configs,
                   ClusterService cluster, HostPorts hostPorts) {
        this.hostOf = hostOf;
        this.instancesOn = instancesOn;
        this.onThisMachine = onThisMachine;
        this.forwards = forwards;
        this.configs = configs;
        this.cluster = cluster;
        this.hostPorts = hostPorts;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeSourceGuard")
    void addSourceGuard(ForwardSourcesListener guard) {
        sourceGuards.add(guard);
    }

    void removeSourceGuard(ForwardSourcesListener guard) {
        sourceGuards.remove(guard);
    }

    @Modified
    void configure(NetworkConfig config) {
        try {
            rules = PortRules.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Invalid port forward settings, keeping {}: {}", rules, e.getMessage());
        }
        probeHostPorts = config.probeHostPorts();
    }

    void rules(PortRules rules, boolean probe) {
        this.rules = rules;
        this.probeHostPorts = probe;
    }

    void lockWait(Duration wait) {
        this.lockWait = wait;
    }

    @Override
    public List<Forward> list(String instance) {
        SnapshotNames.requireValid("name", instance);
        List<ProxyForward> devices = forwards.list(instance); // LXD's 404 names the instance
        Map<String, String> config = devices.isEmpty() ? Map.of() : configs.get(instance).config();
        return devices.stream().map(f -> Forward.of(f, sourcesOf(config, f.hostPort()))).toList();
    }

    /** The canonical CIDRs recorded for a host port; empty: anyone. */
    static List<String> sourcesOf(Map<String, String> config, int hostPort) {
        String value = config.get(ForwardService.SOURCES_KEY_PREFIX + hostPort);
        return value == null || value.isBlank() ? List.of() : List.of(value.split(","));
    }

    private static List<String> checkedSources(List<String> sources) {
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            checked.add(Ipv4Cidr.canonical("sources[" + i + "]", sources.get(i)));
        }
        return checked.stream().distinct().toList();
    }

    @Override
    public Forward add(String instance, ForwardRequest request) {
        SnapshotNames.requireValid("name", instance);
        PortRules current = rules;
        ProxyForward wanted = current.check(request);
        List<String> sources = checkedSources(request.sources());
        if (!sources.isEmpty() && sourceGuards.isEmpty()) {
            throw new ValidationException("sources", "need the firewall feature (axion-firewall), which is not installed");
        }
        int port = wanted.hostPort();
        String host = hostOf.apply(instance).orElseThrow(() -> new NotFoundException("Instance", instance));
        // A host port is unique per host and listen address: the lock is cluster-wide, the check is the host's LXD.
        try (ClusterLock ignored = lock("instance:" + instance, "instance '" + instance + "' is busy with a job");
             ClusterLock alsoIgnored = lock(ForwardService.portLock(host, wanted.hostAddress(), port),
                     "port " + port + " is being changed")) {
            List<InstanceInfo> all = instancesOn.apply(host);
            if (all.stream().noneMatch(i -> i.name().equals(instance))) {
                throw new NotFoundException("Instance", instance);
            }
            for (InstanceInfo other : all) {
                if (other.forwards().stream().anyMatch(f -> f.hostPort() == port
                        && f.hostAddress().equals(wanted.hostAddress()))) {
                    throw new ConflictException("port-in-use", "Host port " + port + " is already forwarded to "
                            + "instance '" + other.name() + "'");
                }
            }
            if (probeHostPorts && onThisMachine.test(host) && hostPorts.inUse(wanted.hostAddress(), port, wanted.protocol())) {
                throw new ConflictException("port-in-use", "Host port " + port + " (" + wanted.protocol().label()
                        + ") is in use by a process on " + wanted.hostAddress());
            }
            // The sources first: once the device exists, the firewall reads them (a moment of "anyone" is avoided).
            String key = ForwardService.SOURCES_KEY_PREFIX + port;
            boolean staleKey = all.stream().anyMatch(i -> i.name().equals(instance) && i.config().containsKey(key));
            if (!sources.isEmpty() || staleKey) {
                Map<String, String> change = new HashMap<>();
                change.put(key, sources.isEmpty() ? null : String.join(",", sources));
                configs.patchConfig(instance, change);
            }
            if (!sources.isEmpty()) {
                guard(instance, host, key);
            }
            forwards.add(instance, wanted);
            LOG.info("Forwarded {}:{}/{} to port {} of {}{}", wanted.hostAddress(), port, wanted.protocol().label(),
                    wanted.containerPort(), instance, sources.isEmpty() ? "" : " for " + sources);
            return Forward.of(wanted, sources);
        }
    }

    @Override
    public void remove(String instance, int hostPort) {
        SnapshotNames.requireValid("name", instance);
        try (ClusterLock ignored = lock("instance:" + instance, "instance '" + instance + "' is busy with a job")) {
            if (forwards.list(instance).stream().noneMatch(f -> f.hostPort() == hostPort)) {
                throw new NotFoundException("Forward", instance + ":" + hostPort);
            }
            forwards.remove(instance, hostPort);
            Map<String, String> change = new HashMap<>();
            change.put(ForwardService.SOURCES_KEY_PREFIX + hostPort, null);
            configs.patchConfig(instance, change);
            hostOf.apply(instance).ifPresent(host -> sourceGuards.forEach(g -> {
                try {
                    g.sourcesChanged(host);
                } catch (RuntimeException e) {
                    LOG.warn("Could not drop the source filter of port {}: {}", hostPort, e.getMessage());
                }
            }));
            LOG.info("Removed the forward of host port {} from {}", hostPort, instance);
        }
    }

    /** Enforces the new sources before the device exists; if that fails, the key goes again and the add is refused. */
    private void guard(String instance, String host, String key) {
        try {
            sourceGuards.forEach(g -> g.sourcesChanged(host));
        } catch (RuntimeException e) {
            Map<String, String> undo = new HashMap<>();
            undo.put(key, null);
            configs.patchConfig(instance, undo);
            throw new ServiceUnavailableException("firewall-unavailable",
                    "The forward's sources could not be enforced: " + e.getMessage(), e);
        }
    }

    private ClusterLock lock(String name, String busy) {
        try {
            return cluster.tryLock(name, lockWait, LOCK_LEASE)
                    .orElseThrow(() -> new ConflictException("busy", "Try again: " + busy));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("busy", "Interrupted while waiting: " + busy);
        }
    }
}
