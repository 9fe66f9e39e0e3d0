package io.axion.hosts.internal;

import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.Placement;
import io.axion.api.placement.PlacementPolicy;
import io.axion.api.placement.PlacementRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The built-in placement: among the online hosts the request fits, the one with the most room left, room being the
 * smaller of its free CPU and free memory shares (so one scarce resource is not hidden by a plentiful one). Ties go
 * to the host with fewer instances; hosts still tied are chosen among by a hash of the instance's name, so that a
 * decision is the same on every node and yet creates racing before any of them is counted (each sees the same
 * allocation) spread over the tied hosts instead of all landing on the first.
 */
@Component(service = PlacementPolicy.class, property = "service.ranking:Integer=" + PlacementPolicy.DEFAULT_RANKING)
public class MostFreeCapacityPlacement implements PlacementPolicy {

    @Override
    public String name() {
        return "most-free-capacity";
    }

    @Override
    public Optional<Placement> place(PlacementRequest request, List<HostCandidate> candidates) {
        Comparator<HostCandidate> better = Comparator.comparingDouble(MostFreeCapacityPlacement::room)
                .thenComparing(c -> -c.allocated().instances());
        List<HostCandidate> fitting = candidates.stream()
                .filter(HostCandidate::online)
                .filter(c -> c.fits(request))
                .toList();
        Optional<HostCandidate> best = fitting.stream().max(better);
        if (best.isEmpty()) {
            return Optional.empty();
        }
        List<HostCandidate> tied = fitting.stream()
                .filter(c -> better.compare(c, best.get()) == 0)
                .sorted(Comparator.comparing(HostCandidate::name))
                .toList();
        String key = request.instance() == null ? "" : request.instance();
        return Optional.of(Placement.on(tied.get(Math.floorMod(key.hashCode(), tied.size())).name()));
    }

    static double room(HostCandidate candidate) {
        double cpu = share(candidate.freeCpu(), candidate.capacity().cpu());
        double memory = share(candidate.freeMemoryMiB(), candidate.capacity().memoryMiB());
        return Math.min(cpu, memory);
    }

    private static double share(long free, long capacity) {
        return capacity <= 0 ? 0 : (double) free / capacity;
    }
}
