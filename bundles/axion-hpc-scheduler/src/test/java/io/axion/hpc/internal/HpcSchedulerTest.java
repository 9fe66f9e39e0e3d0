package io.axion.hpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.axion.api.error.ValidationException;
import io.axion.api.host.HostCapacity;
import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.Placement;
import io.axion.api.placement.PlacementRequest;
import io.axion.hpc.internal.allocation.CpuSet;
import io.axion.hpc.internal.topology.HostTopology;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.TempStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduler over the real store (SQLite): pins are exclusive, kept across a new scheduler, released. */
class HpcSchedulerTest {
    private static final HostTopology HOST = HostTopology.synthetic("h1", 1, 4, 2, 2, 1L << 34);
    private static final List<HostCandidate> CANDIDATES = List.of(new HostCandidate("h1", true,
            new HostCapacity(4, 16384, 0), new HostCapacity(0, 0, 0)));

    @RegisterExtension
    final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);


    private HpcScheduler scheduler() {
        return new HpcScheduler(host -> HOST, new StoreLedger(store.get()));
    }

    private static PlacementRequest request(String name, int cpu, Map<String, Object> options) {
        return new PlacementRequest(name, "u", cpu, 512, null, null, options);
    }

    @Test
    void dedicatedPinsAreDisjointAndSurviveANewScheduler() {
        Map<String, Object> dedicated = Map.of("cpuPolicy", "dedicated", "numa", "strict", "gpus", 1);
        Placement a = scheduler().place(request("a", 2, dedicated), CANDIDATES).orElseThrow();
        Placement b = scheduler().place(request("b", 2, dedicated), CANDIDATES).orElseThrow();
        List<Integer> cpusA = CpuSet.parse(a.config().get("limits.cpu"));
        List<Integer> cpusB = CpuSet.parse(b.config().get("limits.cpu"));
        assertTrue(cpusA.stream().noneMatch(cpusB::contains), a + " / " + b);
        assertEquals("gpu", a.devices().get("axion-gpu0").get("type"));
        assertNotEquals(a.devices().get("axion-gpu0").get("pci"), b.devices().get("axion-gpu0").get("pci"));
        assertEquals(2, new StoreLedger(store.get()).all().size());
        // Full now: a third dedicated one finds no host.
        assertTrue(scheduler().place(request("c", 1, Map.of("cpuPolicy", "dedicated")), CANDIDATES).isEmpty());
        scheduler().release("a");
        assertEquals(cpusA, CpuSet.parse(scheduler().place(request("c", 2, dedicated), CANDIDATES)
                .orElseThrow().config().get("limits.cpu")));
    }

    @Test
    void strictWithoutASingleFittingNodeIsA422ThatReservesNothing() {
        assertThrows(ValidationException.class, () -> scheduler().place(
                request("big", 3, Map.of("cpuPolicy", "dedicated", "numa", "strict")), CANDIDATES));
        assertTrue(new StoreLedger(store.get()).all().isEmpty());
    }

    @Test
    void sharedRunsOnTheUnpinnedCoresWithItsCountAsAnAllowanceAndHoldsNone() {
        Placement shared = scheduler().place(request("s", 1, Map.of()), CANDIDATES).orElseThrow();
        assertEquals("h1", shared.host());
        assertEquals("0-3", shared.config().get("limits.cpu"));
        assertEquals("100ms/100ms", shared.config().get("limits.cpu.allowance"));
        assertTrue(new StoreLedger(store.get()).all().isEmpty());

        scheduler().place(request("d", 2, Map.of("cpuPolicy", "dedicated", "numa", "strict")), CANDIDATES);
        Placement next = scheduler().place(request("s2", 2, Map.of()), CANDIDATES).orElseThrow();
        List<Integer> pool = CpuSet.parse(next.config().get("limits.cpu"));
        assertEquals(2, pool.size());
        assertTrue(pool.stream().noneMatch(new StoreLedger(store.get()).holdings("h1").cpuOwners()::containsKey));
        assertEquals("200ms/100ms", next.config().get("limits.cpu.allowance"));
    }

    @Test
    void aChangeOfTheDedicatedSetIsToldForItsHostButASharedPlacementIsNot() {
        List<String> told = new java.util.ArrayList<>();
        HpcScheduler scheduler = new HpcScheduler(host -> HOST, new StoreLedger(store.get()), told::add);
        scheduler.place(request("s", 1, Map.of()), CANDIDATES).orElseThrow();
        scheduler.release("s");
        assertEquals(List.of(), told);
        scheduler.place(request("d", 1, Map.of("cpuPolicy", "dedicated")), CANDIDATES).orElseThrow();
        assertEquals(List.of("h1"), told);
        scheduler.release("d");
        assertEquals(List.of("h1", "h1"), told);
        scheduler.release("d");
        assertEquals(List.of("h1", "h1"), told, "a second release frees nothing, so changes nothing");
    }
}
