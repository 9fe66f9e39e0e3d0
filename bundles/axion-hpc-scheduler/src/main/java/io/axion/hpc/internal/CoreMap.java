package io.axion.hpc.internal;

import io.axion.hpc.internal.allocation.CpuSet;
import io.axion.hpc.internal.allocation.Holdings;
import io.axion.hpc.internal.topology.HostTopology;
import io.axion.hpc.internal.topology.NumaNode;
import java.util.List;

/**
 * A host's cores and GPUs with who holds each: the JSON of {@code GET /api/v1/hpc/hosts/{name}/cores} and the rows
 * of {@code axion:core-map}.
 */
record CoreMap(String host, boolean simulated, List<NumaNode> numaNodes, List<Core> cores, List<GpuHolding> gpus) {

    /** One CPU thread; {@code pinnedTo} is the dedicated instance holding it, or null. */
    record Core(int cpu, int socket, int core, int numaNode, String pinnedTo) {
    }

    /** One GPU; {@code heldBy} is the instance it is given to, or null. */
    record GpuHolding(String pci, String product, int numaNode, boolean simulated, String heldBy) {
    }

    /** A pin as {@code GET /api/v1/hpc/pins} shows it: the CPU set as LXD's {@code limits.cpu} reads it. */
    record PinView(String instance, String host, String cpus, List<String> gpus, Integer numaNode) {
        static PinView of(ReservationLedger.Reservation reservation) {
            return new PinView(reservation.instance(), reservation.host(), CpuSet.format(reservation.cpus()),
                    reservation.gpus(), reservation.numaNode());
        }
    }

    static CoreMap of(HostTopology topology, Holdings held) {
        return new CoreMap(topology.host(), topology.simulated(), topology.numaNodes(),
                topology.threads().stream().map(t -> new Core(t.id(), t.socket(), t.core(), t.numaNode(),
                        held.cpuOwners().get(t.id()))).toList(),
                topology.gpus().stream().map(g -> new GpuHolding(g.pciAddress(), g.product(), g.numaNode(),
                        g.simulated(), held.gpuOwners().get(g.pciAddress()))).toList());
    }
}
