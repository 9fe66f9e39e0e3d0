package io.axion.hpc.internal.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.axion.api.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyParserTest {

    /** GET /1.0/resources as LXD 5.0.2 answered on the 2-core test machine (one socket, one NUMA node, no GPU). */
    static String recorded() throws IOException {
        try (InputStream in = TopologyParserTest.class.getResourceAsStream("/resources-2core.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsThreadsNodesAndGpusOfTheRecordedHost() throws IOException {
        HostTopology topology = TopologyParser.parse("local", recorded());
        assertEquals(List.of(new CpuThread(0, 0, 0, 0), new CpuThread(1, 0, 1, 0)), topology.threads());
        assertEquals(List.of(new NumaNode(0, 25769803776L)), topology.numaNodes());
        assertTrue(topology.gpus().isEmpty());
        assertFalse(topology.simulated());
    }

    @Test
    void skipsOfflineAndIsolatedThreadsAndReadsGpus() {
        String json = """
                {"cpu":{"sockets":[{"socket":1,"cores":[{"core":0,"threads":[
                  {"id":4,"numa_node":1,"online":true,"isolated":false},
                  {"id":5,"numa_node":1,"online":false,"isolated":false},
                  {"id":6,"numa_node":1,"online":true,"isolated":true}]}]}]},
                 "memory":{"nodes":[{"numa_node":1,"total":1024}],"total":1024},
                 "gpu":{"cards":[{"pci_address":"0000:01:00.0","vendor":"NVIDIA","product":"A100","numa_node":1}]}}
                """;
        HostTopology topology = TopologyParser.parse("h", json);
        assertEquals(List.of(new CpuThread(4, 1, 0, 1)), topology.threads());
        assertEquals(List.of(new Gpu("0000:01:00.0", "NVIDIA", "A100", 1, false)), topology.gpus());
    }

    @Test
    void simulationSplitsRealThreadsIntoNodesAndAddsGpus() throws IOException {
        HostTopology real = TopologyParser.parse("local", recorded());
        HostTopology simulated = SimulatedTopology.parse("local:numa=2:gpus=2").apply(real);
        assertTrue(simulated.simulated());
        assertEquals(List.of(new CpuThread(0, 0, 0, 0), new CpuThread(1, 0, 1, 1)), simulated.threads());
        assertEquals(2, simulated.numaNodes().size());
        assertEquals(List.of("0000:e0:00.0", "0000:e1:00.0"), simulated.gpus().stream().map(Gpu::pciAddress).toList());
        assertEquals(real, SimulatedTopology.parse("other:numa=2").apply(real));
        assertEquals(2, SimulatedTopology.parse("*:numa=2").apply(real).numaNodes().size());
    }

    @Test
    void malformedSimulationIsRefused() {
        assertThrows(ValidationException.class, () -> SimulatedTopology.parse("local:numa"));
        assertThrows(ValidationException.class, () -> SimulatedTopology.parse("local:cores=2"));
        assertThrows(ValidationException.class, () -> SimulatedTopology.parse("local:numa=0"));
        assertThrows(ValidationException.class, () -> SimulatedTopology.parse("local"));
    }
}
