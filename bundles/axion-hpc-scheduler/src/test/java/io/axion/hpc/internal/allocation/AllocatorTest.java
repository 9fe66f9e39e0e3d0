package io.axion.hpc.internal.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.axion.api.error.ValidationException;
import io.axion.hpc.internal.topology.HostTopology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocatorTest {
    private static final HostTopology TWO_NODES = HostTopology.synthetic("h", 2, 4, 2, 2, 1L << 34);

    private static PinRequest dedicated(int cores, NumaPolicy numa) {
        return new PinRequest("i", cores, 512, CpuPolicy.DEDICATED, numa, 0);
    }

    private static Holdings holding(int... cpus) {
        Map<Integer, String> owners = new HashMap<>();
        for (int cpu : cpus) {
            owners.put(cpu, "other");
        }
        return new Holdings(owners, Map.of());
    }

    @Test
    void dedicatedCoresAreFreeOnes() {
        Pin pin = Allocator.allocate(TWO_NODES, holding(0, 1), dedicated(2, NumaPolicy.NONE)).pin().orElseThrow();
        assertTrue(pin.cpus().stream().noneMatch(c -> c == 0 || c == 1));
        assertEquals(2, pin.cpus().size());
    }

    @Test
    void strictTakesTheTightestNodeThatFits() {
        // node 0 has 0-3, node 1 has 4-7; with 0 and 1 held, node 0 has 2 free and is the tighter fit for 2.
        Pin pin = Allocator.allocate(TWO_NODES, holding(0, 1), dedicated(2, NumaPolicy.STRICT)).pin().orElseThrow();
        assertEquals(List.of(2, 3), pin.cpus());
        assertEquals(0, pin.numaNode());
    }

    @Test
    void strictRefusesWhenNoSingleNodeFitsAndPreferredSpreads() {
        Holdings held = holding(0, 1, 4, 5);
        Allocator.Outcome strict = Allocator.allocate(TWO_NODES, held, dedicated(3, NumaPolicy.STRICT));
        assertEquals(Allocator.Refusal.NO_SINGLE_NUMA_NODE, strict.refusal());
        Pin preferred = Allocator.allocate(TWO_NODES, held, dedicated(3, NumaPolicy.PREFERRED)).pin().orElseThrow();
        assertEquals(3, preferred.cpus().size());
        assertNull(preferred.numaNode());
    }

    @Test
    void tooFewCoresOrGpusIsRefused() {
        assertEquals(Allocator.Refusal.NO_CORES,
                Allocator.allocate(TWO_NODES, holding(0, 1, 2, 3, 4, 5, 6), dedicated(2, NumaPolicy.NONE)).refusal());
        PinRequest threeGpus = new PinRequest("i", 1, 512, CpuPolicy.DEDICATED, NumaPolicy.NONE, 3);
        assertEquals(Allocator.Refusal.NO_GPUS, Allocator.allocate(TWO_NODES, Holdings.NONE, threeGpus).refusal());
    }

    @Test
    void gpusAreExclusiveAndPreferTheInstancesNode() {
        Holdings held = new Holdings(Map.of(0, "a", 1, "a", 2, "a", 3, "a"), Map.of());
        PinRequest oneGpu = new PinRequest("i", 1, 512, CpuPolicy.DEDICATED, NumaPolicy.STRICT, 1);
        Pin pin = Allocator.allocate(TWO_NODES, held, oneGpu).pin().orElseThrow();
        assertEquals(1, pin.numaNode());
        assertEquals(List.of("0000:e1:00.0"), pin.gpus());
        Holdings gpuTaken = new Holdings(Map.of(), Map.of("0000:e0:00.0", "a"));
        assertEquals(List.of("0000:e1:00.0"), Allocator.allocate(TWO_NODES, gpuTaken,
                new PinRequest("i", 1, 512, CpuPolicy.SHARED, NumaPolicy.NONE, 1)).pin().orElseThrow().gpus());
    }

    @Test
    void sharedGetsThePoolNoDedicatedInstanceHolds() {
        Pin pin = Allocator.allocate(TWO_NODES, holding(0, 1, 2),
                new PinRequest("i", 1, 512, CpuPolicy.SHARED, NumaPolicy.NONE, 0)).pin().orElseThrow();
        assertEquals(List.of(3, 4, 5, 6, 7), pin.cpus());
        assertEquals(false, pin.dedicated());
    }

    @Test
    void optionsAreReadAndBadOnesRefused() {
        PinRequest read = PinRequest.of("i", 2, 512, Map.of("cpuPolicy", "dedicated", "numa", "strict", "gpus", 1));
        assertEquals(new PinRequest("i", 2, 512, CpuPolicy.DEDICATED, NumaPolicy.STRICT, 1), read);
        assertEquals(CpuPolicy.SHARED, PinRequest.of("i", 1, 1, Map.of()).cpuPolicy());
        assertThrows(ValidationException.class, () -> PinRequest.of("i", 1, 1, Map.of("cpuPolicy", "exclusive")));
        assertThrows(ValidationException.class, () -> PinRequest.of("i", 1, 1, Map.of("gpus", -1)));
        assertThrows(ValidationException.class, () -> PinRequest.of("i", 1, 1, Map.of("numa", "strict")));
    }

    @Test
    void cpuSetsRoundTrip() {
        assertEquals("0-3,6-6,8-9", CpuSet.format(List.of(3, 0, 1, 2, 6, 8, 9)));
        assertEquals(List.of(6), CpuSet.parse(CpuSet.format(List.of(6))));
        assertEquals(List.of(0, 1, 2, 3, 6), CpuSet.parse("0-3,6"));
        assertEquals(List.of(), CpuSet.parse("2"));
        assertEquals(List.of(1, 2), CpuSet.parse("1-2"));
    }
}
