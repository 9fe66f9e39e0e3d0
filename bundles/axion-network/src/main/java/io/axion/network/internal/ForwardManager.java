package io.axion.network.internal;

import io.axion.api.AxionConstants;
import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.LxdForwards;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.network.Forward;
import io.axion.api.network.ForwardRequest;
import io.axion.api.network.ForwardService;
import io.axion.api.snapshot.SnapshotNames;
import java.time.Duration;
import java.util.List;
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
 * ({@value ForwardService#PORT_LOCK_PREFIX}{@code <port>}) while it checks every instance's forwards and the host,
 * and adds the device. Always in that order, so two requests never wait on each other crosswise.
 */
@Component(service = ForwardService.class, configurationPid = AxionConstants.PID_NETWORK)
@Designate(ocd = NetworkConfig.class)
public class ForwardManager implements ForwardService {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardManager.class);
    private static final Duration LOCK_LEASE = Duration.ofSeconds(60);
    private static final PortRules DEFAULT_RULES = new PortRules(10000, 60000, "127.0.0.1");

    private final LxdInstances instances;
    private final LxdForwards forwards;
    private final ClusterService cluster;
    private final HostPorts hostPorts;
    private volatile PortRules rules = DEFAULT_RULES;
    private volatile boolean probeHostPorts = true;
    /** How long a request waits for a job on the instance, or another request on the port, to finish. */
    private volatile Duration lockWait = Duration.ofSeconds(10);

    @Activate
    public ForwardManager(@Reference LxdInstances instances, @Reference LxdForwards forwards,
                          @Reference ClusterService cluster, NetworkConfig config) {
        this(instances, forwards, cluster, new SocketHostPorts());
        configure(config);
    }

    ForwardManager(LxdInstances instances, LxdForwards forwards, ClusterService cluster, HostPorts hostPorts) {
        this.instances = instances;
        this.forwards = forwards;
        this.cluster = cluster;
        this.hostPorts = hostPorts;
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
        return forwards.list(instance).stream().map(Forward::of).toList(); // LXD's 404 names the instance
    }

    @Override
    public Forward add(String instance, ForwardRequest request) {
        SnapshotNames.requireValid("name", instance);
        PortRules current = rules;
        ProxyForward wanted = current.check(request);
        int port = wanted.hostPort();
        try (ClusterLock ignored = lock("instance:" + instance, "instance '" + instance + "' is busy with a job");
             ClusterLock alsoIgnored = lock(PORT_LOCK_PREFIX + port, "port " + port + " is being changed")) {
            List<InstanceInfo> all = instances.list();
            if (all.stream().noneMatch(i -> i.name().equals(instance))) {
                throw new NotFoundException("Instance", instance);
            }
            for (InstanceInfo other : all) {
                if (other.forwards().stream().anyMatch(f -> f.hostPort() == port)) {
                    throw new ConflictException("port-in-use", "Host port " + port + " is already forwarded to "
                            + "instance '" + other.name() + "'");
                }
            }
            if (probeHostPorts && hostPorts.inUse(wanted.hostAddress(), port, wanted.protocol())) {
                throw new ConflictException("port-in-use", "Host port " + port + " (" + wanted.protocol().label()
                        + ") is in use by a process on " + wanted.hostAddress());
            }
            forwards.add(instance, wanted);
            LOG.info("Forwarded {}:{}/{} to port {} of {}", wanted.hostAddress(), port, wanted.protocol().label(),
                    wanted.containerPort(), instance);
            return Forward.of(wanted);
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
            LOG.info("Removed the forward of host port {} from {}", hostPort, instance);
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
