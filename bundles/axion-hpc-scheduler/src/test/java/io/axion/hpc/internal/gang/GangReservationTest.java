package io.axion.hpc.internal.gang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.axion.api.host.HostCapacity;
import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.PlacementRequest;
import io.axion.hpc.internal.HpcScheduler;
import io.axion.hpc.internal.InMemoryLedger;
import io.axion.hpc.internal.ReservationLedger;
import io.axion.hpc.internal.StoreLedger;
import io.axion.hpc.internal.allocation.CpuPolicy;
import io.axion.hpc.internal.allocation.NumaPolicy;
import io.axion.hpc.internal.allocation.Pin;
import io.axion.hpc.internal.allocation.PinRequest;
import io.axion.hpc.internal.topology.HostTopology;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.TempStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gang is reserved all or nothing, in one ledger transaction: three 2-core hosts take six dedicated 1-core
 * members, five after one core is pinned elsewhere — and then none of the six is reserved.
 */
class GangReservationTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");
    private static final List<HostCandidate> CANDIDATES = HOSTS.stream().map(h -> new HostCandidate(h, true,
            new HostCapacity(32, 65536, 0), new HostCapacity(0, 0, 0))).toList();

    @RegisterExtension
    final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);

    private static HpcScheduler scheduler(ReservationLedger ledger) {
        return new HpcScheduler(host -> HostTopology.synthetic(host, 1, 2, 1, 0, 1L << 33), ledger);
    }

    private static List<PinRequest> gang(String name, int count) {
        return IntStream.range(0, count).mapToObj(i -> new PinRequest(name + "-" + i, 1, 256, CpuPolicy.DEDICATED,
                NumaPolicy.NONE, 0)).toList();
    }

    private static void pinBlocker(HpcScheduler scheduler) {
        scheduler.place(new PlacementRequest("blocker", "u", 1, 256, null, null, Map.of("cpuPolicy", "dedicated")),
                CANDIDATES).orElseThrow();
    }

    @Test
    void sixFitOnThreeTwoCoreHostsTwoPerHostWithDisjointCores() {
        for (ReservationLedger ledger : List.of(new InMemoryLedger(), new StoreLedger(store.get()))) {
            List<Pin> pins = scheduler(ledger).reserveGang(gang("g", 6), CANDIDATES, Spread.HOST).orElseThrow();
            Map<String, Long> perHost = pins.stream().collect(Collectors.groupingBy(Pin::host, Collectors.counting()));
            assertEquals(Map.of("h1", 2L, "h2", 2L, "h3", 2L), perHost);
            Set<String> cores = new HashSet<>();
            pins.forEach(p -> p.cpus().forEach(c -> assertTrue(cores.add(p.host() + ":" + c), "shared core " + p)));
            assertEquals(6, ledger.all().size());
        }
    }

    @Test
    void spreadHostGoesRoundRobinAndPackFillsHostsInTurn() {
        List<String> spread = scheduler(new InMemoryLedger()).reserveGang(gang("s", 3), CANDIDATES, Spread.HOST)
                .orElseThrow().stream().map(Pin::host).toList();
        assertEquals(List.of("h1", "h2", "h3"), spread);
        List<String> packed = scheduler(new InMemoryLedger()).reserveGang(gang("p", 3), CANDIDATES, Spread.PACK)
                .orElseThrow().stream().map(Pin::host).toList();
        assertEquals(List.of("h1", "h1", "h2"), packed);
    }

    @Test
    void withRoomForFiveNoneOfSixIsReservedAndTheBlockersPinStays() {
        for (ReservationLedger ledger : List.of(new InMemoryLedger(), new StoreLedger(store.get()))) {
            HpcScheduler scheduler = scheduler(ledger);
            pinBlocker(scheduler);
            assertTrue(scheduler.reserveGang(gang("g", 6), CANDIDATES, Spread.HOST).isEmpty());
            assertEquals(List.of("blocker"), ledger.all().stream().map(ReservationLedger.Reservation::instance)
                    .toList());
            // Five fit.
            assertEquals(5, scheduler.reserveGang(gang("f", 5), CANDIDATES, Spread.HOST).orElseThrow().size());
            ledger.all().stream().map(ReservationLedger.Reservation::instance).filter(i -> !i.equals("blocker"))
                    .forEach(ledger::release);
            scheduler.release("blocker");
            assertEquals(6, scheduler.reserveGang(gang("g", 6), CANDIDATES, Spread.HOST).orElseThrow().size());
            new ArrayList<>(ledger.all()).forEach(r -> ledger.release(r.instance()));
        }
    }

    @Test
    void aHostWhoseMemoryIsFullTakesNoMemberAndAnOfflineHostNone() {
        List<HostCandidate> candidates = List.of(
                new HostCandidate("h1", true, new HostCapacity(32, 65536, 0), new HostCapacity(0, 65536, 0)),
                new HostCandidate("h2", false, new HostCapacity(32, 65536, 0), new HostCapacity(0, 0, 0)),
                new HostCandidate("h3", true, new HostCapacity(32, 65536, 0), new HostCapacity(0, 0, 0)));
        InMemoryLedger ledger = new InMemoryLedger();
        assertTrue(scheduler(ledger).reserveGang(gang("g", 3), candidates, Spread.HOST).isEmpty());
        assertTrue(ledger.all().isEmpty());
        List<Pin> two = scheduler(ledger).reserveGang(gang("g", 2), candidates, Spread.HOST).orElseThrow();
        assertEquals(List.of("h3", "h3"), two.stream().map(Pin::host).toList());
    }

    @Test
    void aReservedMembersPlacementIsItsGangPinNotANewOne() {
        InMemoryLedger ledger = new InMemoryLedger();
        HpcScheduler scheduler = scheduler(ledger);
        Pin pin = scheduler.reserveGang(gang("g", 1), CANDIDATES, Spread.HOST).orElseThrow().get(0);
        scheduler.expect("g-0", pin);
        var placement = scheduler.place(new PlacementRequest("g-0", "u", 1, 256, null, null,
                Map.of("cpuPolicy", "dedicated")), CANDIDATES).orElseThrow();
        assertEquals(pin.host(), placement.host());
        assertEquals(pin.cpuSet(), placement.config().get("limits.cpu"));
        assertEquals(1, ledger.all().size());
    }
}
