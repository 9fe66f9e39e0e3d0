package io.axion.hpc.internal;

import io.axion.api.host.HostService;
import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.Placement;
import io.axion.api.placement.PlacementPolicy;
import io.axion.api.placement.PlacementRequest;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.store.Store;
import io.axion.hpc.internal.shared.SharedCpusJobHandler;
import io.axion.hpc.internal.topology.HostTopology;
import io.axion.hpc.internal.topology.SimulatedTopology;
import io.axion.hpc.internal.topology.TopologyParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler as the instance service's placement policy: ranked above the built-in one, so installing the
 * feature takes over placement and uninstalling it gives placement back. Also the service the routes and the
 * shell command read topologies and pins from.
 */
@Component(service = {PlacementPolicy.class, HpcPlacementPolicy.class}, configurationPid = HpcConfig.PID,
        property = "service.ranking:Integer=" + HpcPlacementPolicy.RANKING)
@Designate(ocd = HpcConfig.class)
public class HpcPlacementPolicy implements PlacementPolicy {
    static final int RANKING = 100;
    private static final Logger LOG = LoggerFactory.getLogger(HpcPlacementPolicy.class);

    private record Cached(HostTopology topology, long readAtNanos) {
    }

    @Reference
    private HostService hosts;

    @Reference
    private Store store;

    @Reference
    private JobService jobs;

    private final Map<String, Cached> topologies = new ConcurrentHashMap<>();
    private SimulatedTopology simulation;
    private long topologyNanos;
    private HpcScheduler scheduler;

    @Activate
    void activate(HpcConfig config) {
        simulation = SimulatedTopology.parse(config.simulate());
        topologyNanos = config.topologySeconds() * 1_000_000_000L;
        scheduler = new HpcScheduler(this::topology, new StoreLedger(store), this::rewriteSharedCpus);
    }

    @Override
    public String name() {
        return "hpc-scheduler";
    }

    @Override
    public Optional<Placement> place(PlacementRequest request, List<HostCandidate> candidates) {
        return scheduler.place(request, candidates);
    }

    @Override
    public void release(String instance) {
        scheduler.release(instance);
    }

    public List<ReservationLedger.Reservation> reservations() {
        return scheduler.ledger().all();
    }

    public ReservationLedger ledger() {
        return scheduler.ledger();
    }

    public HpcScheduler scheduler() {
        return scheduler;
    }

    /** One job per change of a host's dedicated set: it moves the host's shared instances onto what is left. */
    private void rewriteSharedCpus(String host) {
        try {
            jobs.enqueue(SharedCpusJobHandler.TYPE, null, Map.of("host", host), JobOptions.onHost(host));
        } catch (RuntimeException e) {
            // The pin is kept either way; shared instances move at the host's next change.
            LOG.warn("Could not enqueue the rewrite of shared instances on {}: {}", host, e.toString());
        }
    }

    /** The topology decisions use for the host (simulated where settings say so); read from LXD, then reused. */
    public HostTopology topology(String host) {
        Cached cached = topologies.get(host);
        if (cached == null || System.nanoTime() - cached.readAtNanos() > topologyNanos) {
            hosts.get(host);
            HostTopology real = TopologyParser.parse(host, hosts.lxd(host).server().resourcesJson());
            cached = new Cached(simulation.apply(real), System.nanoTime());
            topologies.put(host, cached);
        }
        return cached.topology();
    }
}
