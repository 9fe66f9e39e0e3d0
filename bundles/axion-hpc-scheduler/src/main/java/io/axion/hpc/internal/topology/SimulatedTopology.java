package io.axion.hpc.internal.topology;

import io.axion.api.error.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings that replace what LXD reports, so that a small test machine can stand for a multi-NUMA or GPU host:
 * {@code HOST:numa=N:gpus=M}, comma separated ({@code *} for every host). The real threads keep their real CPU
 * ids (pinning must name CPUs that exist) and are dealt into N nodes in id order; memory is split evenly; M GPUs
 * are made up with PCI addresses on buses {@code e0} and up, which no real host here has.
 */
public final class SimulatedTopology {
    private static final int FIRST_SIMULATED_BUS = 0xe0;

    /** @param numaNodes null keeps the real layout; @param gpus null keeps the real GPUs */
    public record HostOverride(Integer numaNodes, Integer gpus) {
    }

    private final Map<String, HostOverride> byHost;

    private SimulatedTopology(Map<String, HostOverride> byHost) {
        this.byHost = Map.copyOf(byHost);
    }

    public static SimulatedTopology none() {
        return new SimulatedTopology(Map.of());
    }

    /** Parses the {@code simulate} setting; a malformed one is refused as a whole. */
    public static SimulatedTopology parse(String setting) {
        Map<String, HostOverride> byHost = new HashMap<>();
        if (setting == null || setting.isBlank()) {
            return none();
        }
        for (String entry : setting.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length < 2 || parts[0].isBlank()) {
                throw new ValidationException("simulate", "expected HOST:numa=N:gpus=M, got '" + entry.trim() + "'");
            }
            Integer numa = null;
            Integer gpus = null;
            for (int i = 1; i < parts.length; i++) {
                String[] pair = parts[i].split("=", 2);
                int value = number(pair, entry);
                switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
                    case "numa" -> numa = value;
                    case "gpus" -> gpus = value;
                    default -> throw new ValidationException("simulate", "unknown key '" + pair[0] + "' in '"
                            + entry.trim() + "' (numa, gpus)");
                }
            }
            if (numa != null && numa < 1) {
                throw new ValidationException("simulate", "numa must be at least 1 in '" + entry.trim() + "'");
            }
            byHost.put(parts[0].trim(), new HostOverride(numa, gpus));
        }
        return new SimulatedTopology(byHost);
    }

    private static int number(String[] pair, String entry) {
        try {
            int value = pair.length == 2 ? Integer.parseInt(pair[1].trim()) : -1;
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // refused below with the entry named
        }
        throw new ValidationException("simulate", "expected KEY=NUMBER in '" + entry.trim() + "'");
    }

    /** The topology decisions use for this host: the real one, or the real one with the override applied. */
    public HostTopology apply(HostTopology real) {
        HostOverride override = byHost.getOrDefault(real.host(), byHost.get("*"));
        if (override == null) {
            return real;
        }
        List<CpuThread> threads = real.threads();
        List<NumaNode> nodes = real.numaNodes();
        if (override.numaNodes() != null) {
            int count = override.numaNodes();
            int total = threads.size();
            List<CpuThread> dealt = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                CpuThread thread = threads.get(i);
                dealt.add(new CpuThread(thread.id(), thread.socket(), thread.core(), i * count / Math.max(1, total)));
            }
            long memory = real.numaNodes().stream().mapToLong(NumaNode::memoryBytes).sum();
            List<NumaNode> split = new ArrayList<>(count);
            for (int node = 0; node < count; node++) {
                split.add(new NumaNode(node, memory / count));
            }
            threads = dealt;
            nodes = split;
        }
        List<Gpu> gpus = override.gpus() == null ? real.gpus() : gpus(override.gpus(), nodes.size());
        return new HostTopology(real.host(), threads, nodes, gpus, true);
    }

    static List<Gpu> gpus(int count, int numaNodes) {
        List<Gpu> gpus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String address = String.format(Locale.ROOT, "0000:%02x:00.0", FIRST_SIMULATED_BUS + i);
            gpus.add(new Gpu(address, "simulated", "simulated GPU " + i, i % Math.max(1, numaNodes), true));
        }
        return gpus;
    }
}
