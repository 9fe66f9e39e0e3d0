package io.axion.hpc.internal.allocation;

import io.axion.hpc.internal.topology.CpuThread;
import io.axion.hpc.internal.topology.Gpu;
import io.axion.hpc.internal.topology.HostTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses cores and GPUs on one host, given what is held there. Pure: no store, no LXD, so that a queue or a gang
 * can run it over hypothetical holdings before reserving anything.
 */
public final class Allocator {

    /** Why a host cannot take a request. */
    public enum Refusal {
        NO_CORES, NO_SINGLE_NUMA_NODE, NO_GPUS
    }

    /** A pin, or the reason there is none. */
    public record Outcome(Optional<Pin> pin, Refusal refusal) {
        static Outcome of(Pin pin) {
            return new Outcome(Optional.of(pin), null);
        }

        static Outcome refused(Refusal why) {
            return new Outcome(Optional.empty(), why);
        }
    }

    private Allocator() {
    }

    public static Outcome allocate(HostTopology topology, Holdings held, PinRequest request) {
        List<CpuThread> free = topology.threads().stream()
                .filter(t -> !held.cpuOwners().containsKey(t.id())).toList();
        List<Gpu> freeGpus = topology.gpus().stream()
                .filter(g -> !held.gpuOwners().containsKey(g.pciAddress())).toList();
        if (freeGpus.size() < request.gpus()) {
            return Outcome.refused(Refusal.NO_GPUS);
        }
        if (!request.dedicated()) {
            // Shared instances run on whatever no dedicated instance holds; an empty pool takes none.
            if (free.isEmpty()) {
                return Outcome.refused(Refusal.NO_CORES);
            }
            return Outcome.of(new Pin(topology.host(), ids(free), gpus(freeGpus, request.gpus(), null), null, false));
        }
        if (free.size() < request.cores()) {
            return Outcome.refused(Refusal.NO_CORES);
        }
        if (request.numa() != NumaPolicy.NONE) {
            Optional<Integer> node = tightestFittingNode(free, request.cores());
            if (node.isPresent()) {
                List<CpuThread> chosen = free.stream().filter(t -> t.numaNode() == node.get())
                        .limit(request.cores()).toList();
                return Outcome.of(new Pin(topology.host(), ids(chosen), gpus(freeGpus, request.gpus(), node.get()),
                        node.get(), true));
            }
            if (request.numa() == NumaPolicy.STRICT) {
                return Outcome.refused(Refusal.NO_SINGLE_NUMA_NODE);
            }
        }
        // Spread: emptiest node first, so the span touches as few nodes as it can.
        Map<Integer, List<CpuThread>> byNode = byNode(free);
        List<CpuThread> chosen = byNode.values().stream()
                .sorted(Comparator.<List<CpuThread>>comparingInt(List::size).reversed())
                .flatMap(List::stream).limit(request.cores()).toList();
        Integer node = chosen.stream().map(CpuThread::numaNode).distinct().count() == 1
                ? chosen.get(0).numaNode() : null;
        return Outcome.of(new Pin(topology.host(), ids(chosen), gpus(freeGpus, request.gpus(), node), node, true));
    }

    /** The node with the fewest free threads that still holds the request: keeps roomy nodes for big requests. */
    static Optional<Integer> tightestFittingNode(List<CpuThread> free, int cores) {
        return byNode(free).entrySet().stream()
                .filter(e -> e.getValue().size() >= cores)
                .min(Comparator.<Map.Entry<Integer, List<CpuThread>>>comparingInt(e -> e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }

    private static Map<Integer, List<CpuThread>> byNode(List<CpuThread> threads) {
        return threads.stream().collect(Collectors.groupingBy(CpuThread::numaNode, java.util.TreeMap::new,
                Collectors.toList()));
    }

    /** GPUs on the instance's node first, then any. */
    private static List<String> gpus(List<Gpu> free, int wanted, Integer node) {
        List<Gpu> ordered = new ArrayList<>(free);
        ordered.sort(Comparator.comparing((Gpu g) -> node == null || g.numaNode() != node)
                .thenComparing(Gpu::pciAddress));
        return ordered.stream().limit(wanted).map(Gpu::pciAddress).toList();
    }

    private static List<Integer> ids(List<CpuThread> threads) {
        return threads.stream().map(CpuThread::id).toList();
    }
}
