package io.axion.bench.hpc;

import io.axion.api.host.HostCapacity;
import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.PlacementRequest;
import io.axion.hpc.internal.HpcScheduler;
import io.axion.hpc.internal.InMemoryLedger;
import io.axion.hpc.internal.ReservationLedger;
import io.axion.hpc.internal.StoreLedger;
import io.axion.hpc.internal.topology.HostTopology;
import io.axion.store.internal.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Placement decisions per second of the HPC scheduler: {@code bench.requests} dedicated creates (1-4 cores, a mix of
 * strict, preferred and no NUMA, some with a GPU) over {@code bench.hosts} simulated hosts of 2 sockets x 16 cores,
 * 2 NUMA nodes and 4 GPUs each; once with the pins in memory (the decision itself) and once in SQLite (what a node
 * pays with the store's exclusive transaction per reservation). Target: 500/s.
 */
public final class PlacementBench {

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 1000);
        int hostCount = Integer.getInteger("bench.hosts", 50);
        Map<String, HostTopology> topologies = new HashMap<>();
        List<HostCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            String name = "sim-" + i;
            topologies.put(name, HostTopology.synthetic(name, 2, 16, 2, 4, 128L << 30));
            candidates.add(new HostCandidate(name, true, new HostCapacity(32, 131072, 0), new HostCapacity(0, 0, 0)));
        }
        Function<String, HostTopology> lookup = topologies::get;
        run("in memory", new InMemoryLedger(), lookup, candidates, requests);
        Path dir = Files.createTempDirectory("hpc-bench");
        try (SqliteStore store = new SqliteStore(dir.resolve("axion.db"))) {
            run("SQLite store", new StoreLedger(store), lookup, candidates, requests);
        }
    }

    private static void run(String what, ReservationLedger ledger, Function<String, HostTopology> topologies,
                            List<HostCandidate> candidates, int requests) {
        HpcScheduler scheduler = new HpcScheduler(topologies, ledger);
        // Like the instance service, each decision sees what earlier ones allocated, so full hosts drop out.
        List<HostCandidate> current = new ArrayList<>(candidates);
        String[] numa = {"strict", "preferred", "none"};
        int placed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            Map<String, Object> options = new HashMap<>();
            options.put("cpuPolicy", "dedicated");
            options.put("numa", numa[i % 3]);
            if (i % 10 == 0) {
                options.put("gpus", 1);
            }
            PlacementRequest request = new PlacementRequest("b" + i, "bench", 1 + i % 4, 1024, null, null, options);
            var placement = scheduler.place(request, current);
            if (placement.isPresent()) {
                placed++;
                int index = indexOf(current, placement.get().host());
                HostCandidate host = current.get(index);
                current.set(index, new HostCandidate(host.name(), host.online(), host.capacity(), host.allocated()
                        .plus(new HostCapacity(request.cpu(), request.memoryMiB(), 1))));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("hpc placement (%s): %d requests over %d hosts, %d placed, %.2f s, %.0f decisions/s "
                + "(target >= 500/s)%n", what, requests, candidates.size(), placed, seconds, requests / seconds);
    }

    private static int indexOf(List<HostCandidate> candidates, String host) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).name().equals(host)) {
                return i;
            }
        }
        throw new IllegalStateException("placed on an unknown host " + host);
    }
}
