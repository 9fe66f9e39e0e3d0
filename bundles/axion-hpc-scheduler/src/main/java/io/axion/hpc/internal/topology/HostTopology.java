package io.axion.hpc.internal.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the scheduler knows of a host's hardware: its online hardware threads (by real CPU id), its NUMA nodes and
 * its GPUs.
 *
 * @param simulated whether settings replaced the NUMA layout or the GPUs that LXD reported
 */
public record HostTopology(String host, List<CpuThread> threads, List<NumaNode> numaNodes, List<Gpu> gpus,
                           boolean simulated) {

    public HostTopology {
        Objects.requireNonNull(host, "host");
        threads = threads.stream().sorted(Comparator.comparingInt(CpuThread::id)).toList();
        numaNodes = List.copyOf(numaNodes);
        gpus = List.copyOf(gpus);
    }

    /** The threads of one NUMA node, lowest CPU id first. */
    public List<CpuThread> threadsOf(int numaNode) {
        return threads.stream().filter(t -> t.numaNode() == numaNode).toList();
    }

    /**
     * A made-up host for benchmarks and tests: {@code sockets} sockets of {@code coresPerSocket} single-threaded
     * cores, split evenly into {@code numaNodes} nodes, with {@code gpus} GPUs spread over the nodes.
     */
    public static HostTopology synthetic(String host, int sockets, int coresPerSocket, int numaNodes, int gpus,
                                         long memoryBytes) {
        List<CpuThread> threads = new ArrayList<>();
        int total = sockets * coresPerSocket;
        for (int id = 0; id < total; id++) {
            threads.add(new CpuThread(id, id / coresPerSocket, id % coresPerSocket, id * numaNodes / total));
        }
        List<NumaNode> nodes = new ArrayList<>();
        for (int node = 0; node < numaNodes; node++) {
            nodes.add(new NumaNode(node, memoryBytes / numaNodes));
        }
        return new HostTopology(host, threads, nodes, SimulatedTopology.gpus(gpus, numaNodes), true);
    }
}
