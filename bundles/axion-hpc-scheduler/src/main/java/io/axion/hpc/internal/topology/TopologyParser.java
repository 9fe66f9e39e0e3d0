package io.axion.hpc.internal.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a host's topology from the metadata of LXD's {@code GET /1.0/resources}. */
public final class TopologyParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TopologyParser() {
    }

    public static HostTopology parse(String host, String resourcesJson) {
        try {
            return parse(host, JSON.readTree(resourcesJson));
        } catch (IOException e) {
            throw new UncheckedIOException("LXD's resources of host " + host + " are not JSON", e);
        }
    }

    /** @param metadata the {@code metadata} object of the answer (or the whole answer: it is unwrapped) */
    public static HostTopology parse(String host, JsonNode metadata) {
        JsonNode resources = metadata.has("metadata") ? metadata.get("metadata") : metadata;
        List<CpuThread> threads = new ArrayList<>();
        for (JsonNode socket : resources.path("cpu").path("sockets")) {
            int socketId = socket.path("socket").asInt();
            for (JsonNode core : socket.path("cores")) {
                for (JsonNode thread : core.path("threads")) {
                    // An offline or isolated thread is not the scheduler's to hand out.
                    if (!thread.path("online").asBoolean(true) || thread.path("isolated").asBoolean(false)) {
                        continue;
                    }
                    threads.add(new CpuThread(thread.path("id").asInt(), socketId, core.path("core").asInt(),
                            thread.path("numa_node").asInt()));
                }
            }
        }
        List<NumaNode> nodes = new ArrayList<>();
        for (JsonNode node : resources.path("memory").path("nodes")) {
            nodes.add(new NumaNode(node.path("numa_node").asInt(), node.path("total").asLong()));
        }
        if (nodes.isEmpty()) {
            // A kernel without NUMA reports no memory nodes: one node holds everything.
            nodes.add(new NumaNode(0, resources.path("memory").path("total").asLong()));
        }
        List<Gpu> gpus = new ArrayList<>();
        for (JsonNode card : resources.path("gpu").path("cards")) {
            String address = card.path("pci_address").asText("");
            if (!address.isEmpty()) {
                gpus.add(new Gpu(address, card.path("vendor").asText(""), card.path("product").asText(""),
                        card.path("numa_node").asInt(), false));
            }
        }
        return new HostTopology(host, threads, nodes, gpus, false);
    }
}
