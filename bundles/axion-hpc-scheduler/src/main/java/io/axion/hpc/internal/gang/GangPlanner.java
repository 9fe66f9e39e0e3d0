package io.axion.hpc.internal.gang;

import io.axion.api.placement.HostCandidate;
import io.axion.hpc.internal.allocation.Allocator;
import io.axion.hpc.internal.allocation.Holdings;
import io.axion.hpc.internal.allocation.Pin;
import io.axion.hpc.internal.allocation.PinRequest;
import io.axion.hpc.internal.topology.HostTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Places every member of a gang over hypothetical holdings, or none: pure (no store, no LXD), so the ledger can run
 * it inside its one exclusive transaction and keep all the pins at once. Each member's pin is added to the holdings
 * the next member sees, and each member's cores and memory to its host's allocation, so members never share a core
 * nor overfill a host.
 */
public final class GangPlanner {

    private GangPlanner() {
    }

    /**
     * @param members    one request per member, in member order
     * @param candidates the hosts, in a stable order (offline ones are skipped)
     * @param held       what dedicated instances hold now, by host (absent: nothing)
     * @return one pin per member, in member order, or null when not all of them fit
     */
    public static List<Pin> plan(List<PinRequest> members, List<HostCandidate> candidates, Spread spread,
                                 Map<String, Holdings> held, Function<String, HostTopology> topologies) {
        List<HostCandidate> online = candidates.stream().filter(HostCandidate::online)
                .sorted(Comparator.comparing(HostCandidate::name)).toList();
        Map<String, Map<Integer, String>> cpus = new HashMap<>();
        Map<String, Map<String, String>> gpus = new HashMap<>();
        Map<String, long[]> added = new HashMap<>();
        Map<String, Integer> membersOn = new HashMap<>();
        for (HostCandidate host : online) {
            Holdings now = held.getOrDefault(host.name(), Holdings.NONE);
            cpus.put(host.name(), new HashMap<>(now.cpuOwners()));
            gpus.put(host.name(), new HashMap<>(now.gpuOwners()));
            added.put(host.name(), new long[2]);
            membersOn.put(host.name(), 0);
        }
        List<Pin> pins = new ArrayList<>(members.size());
        for (PinRequest member : members) {
            Pin pin = null;
            for (HostCandidate host : order(online, spread, membersOn)) {
                long[] extra = added.get(host.name());
                if (host.freeCpu() - extra[0] < member.cores() || host.freeMemoryMiB() - extra[1] < member.memoryMiB()) {
                    continue;
                }
                Holdings hypothetical = new Holdings(cpus.get(host.name()), gpus.get(host.name()));
                pin = Allocator.allocate(topologies.apply(host.name()), hypothetical, member).pin().orElse(null);
                if (pin != null) {
                    break;
                }
            }
            if (pin == null) {
                return null;
            }
            String on = pin.host();
            if (pin.dedicated()) {
                pin.cpus().forEach(cpu -> cpus.get(on).put(cpu, member.instance()));
            }
            pin.gpus().forEach(gpu -> gpus.get(on).put(gpu, member.instance()));
            added.get(on)[0] += member.cores();
            added.get(on)[1] += member.memoryMiB();
            membersOn.merge(on, 1, Integer::sum);
            pins.add(pin);
        }
        return pins;
    }

    /**
     * The hosts a member tries, in turn. {@code host}: those with fewest members of this gang first (round robin,
     * falling back to sharing a host when the distinct ones are full); {@code pack}: always the same order, so each
     * host fills before the next is used.
     */
    private static List<HostCandidate> order(List<HostCandidate> online, Spread spread, Map<String, Integer> membersOn) {
        if (spread == Spread.PACK) {
            return online;
        }
        return online.stream().sorted(Comparator.comparingInt(h -> membersOn.get(h.name()))).toList();
    }
}
