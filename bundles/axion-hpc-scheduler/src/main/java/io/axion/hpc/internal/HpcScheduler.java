package io.axion.hpc.internal;

import io.axion.api.error.ValidationException;
import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.Placement;
import io.axion.api.placement.PlacementRequest;
import io.axion.hpc.internal.allocation.Allocator;
import io.axion.hpc.internal.allocation.Pin;
import io.axion.hpc.internal.allocation.PinRequest;
import io.axion.hpc.internal.gang.GangPlanner;
import io.axion.hpc.internal.gang.Spread;
import io.axion.hpc.internal.shared.SharedCpus;
import io.axion.hpc.internal.topology.HostTopology;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The decisions, free of OSGi: among the online hosts the request's cores and memory fit, the one with the most
 * free cores by the scheduler's own count, whose topology can take the pin; the pin is reserved in the ledger
 * before the answer leaves, so a racing create sees it.
 */
public final class HpcScheduler {
    private final Function<String, HostTopology> topologies;
    private final ReservationLedger ledger;
    /** Gang members whose pins are reserved already, by instance, until their create asks for a placement. */
    private final Map<String, Pin> preplaced = new ConcurrentHashMap<>();

    /** Told the host whose dedicated cores changed (a pin kept or released), so its shared instances move. */
    private final Consumer<String> dedicatedChanged;

    public HpcScheduler(Function<String, HostTopology> topologies, ReservationLedger ledger) {
        this(topologies, ledger, host -> { });
    }

    public HpcScheduler(Function<String, HostTopology> topologies, ReservationLedger ledger,
                        Consumer<String> dedicatedChanged) {
        this.topologies = topologies;
        this.ledger = ledger;
        this.dedicatedChanged = dedicatedChanged;
    }

    public ReservationLedger ledger() {
        return ledger;
    }

    public Optional<Placement> place(PlacementRequest request, List<HostCandidate> candidates) {
        PinRequest pin = PinRequest.of(request.instance(), request.cpu(), request.memoryMiB(), request.options());
        Pin reserved = preplaced.remove(request.instance());
        if (reserved != null) {
            // A gang member: its pin was kept with the whole gang's, before its create was asked for.
            return Optional.of(placement(reserved, pin));
        }
        List<HostCandidate> fitting = candidates.stream()
                .filter(HostCandidate::online)
                .filter(c -> c.fits(request))
                .sorted(Comparator.comparingLong(HostCandidate::freeCpu).reversed()
                        .thenComparing(HostCandidate::name))
                .toList();
        Set<Allocator.Refusal> refusals = EnumSet.noneOf(Allocator.Refusal.class);
        Pin kept = ledger.reserve(fitting.stream().map(HostCandidate::name).toList(), request.instance(),
                (host, held) -> {
                    Allocator.Outcome outcome = Allocator.allocate(topologies.apply(host), held, pin);
                    if (outcome.refusal() != null) {
                        refusals.add(outcome.refusal());
                    }
                    return outcome.pin().orElse(null);
                });
        if (kept != null) {
            if (kept.dedicated()) {
                dedicatedChanged.accept(kept.host());
            }
            return Optional.of(placement(kept, pin));
        }
        if (refusals.equals(EnumSet.of(Allocator.Refusal.NO_SINGLE_NUMA_NODE))) {
            // Cores exist, only not on one node: a refusal of the request as asked (422), not a full cluster.
            throw new ValidationException("numa", "strict: no host has " + pin.cores()
                    + " free cores on one NUMA node");
        }
        return Optional.empty();
    }

    static Placement placement(Pin pin, PinRequest request) {
        Map<String, String> config = new LinkedHashMap<>();
        if (pin.dedicated()) {
            config.put("limits.cpu", pin.cpuSet());
        } else if (request.cores() > 0 && !pin.cpus().isEmpty()) {
            // Confined to the cores no dedicated instance holds, its count kept as a time allowance; rewritten
            // when the host's dedicated set changes (SharedCpusJobHandler).
            config.putAll(SharedCpus.config(pin.cpus(), request.cores()));
        }
        config.put("user.axion.cpu-policy", request.cpuPolicy().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, Map<String, String>> devices = new LinkedHashMap<>();
        for (int i = 0; i < pin.gpus().size(); i++) {
            devices.put("axion-gpu" + i, Map.of("type", "gpu", "pci", pin.gpus().get(i)));
        }
        return new Placement(pin.host(), config, devices);
    }

    public void release(String instance) {
        preplaced.remove(instance);
        List<String> pinnedOn = ledger.all().stream()
                .filter(r -> r.instance().equals(instance) && !r.cpus().isEmpty())
                .map(ReservationLedger.Reservation::host).distinct().toList();
        ledger.release(instance);
        pinnedOn.forEach(dedicatedChanged);
    }

    /**
     * Reserves every member's pin in one ledger transaction, or none.
     *
     * @return the pins in member order, or empty when the gang does not fit now (nothing is reserved then)
     */
    public Optional<List<Pin>> reserveGang(List<PinRequest> members, List<HostCandidate> candidates, Spread spread) {
        List<String> names = members.stream().map(PinRequest::instance).toList();
        Optional<List<Pin>> pins = Optional.ofNullable(ledger.reserveAll(names,
                held -> GangPlanner.plan(members, candidates, spread, held, topologies)));
        pins.ifPresent(kept -> kept.stream().filter(Pin::dedicated).map(Pin::host).distinct()
                .forEach(dedicatedChanged));
        return pins;
    }

    /**
     * Says that the next placement of {@code instance} (on this node) is this pin, already in the ledger: the gang
     * job calls it right before the member's create.
     */
    public void expect(String instance, Pin pin) {
        preplaced.put(instance, pin);
    }
}
