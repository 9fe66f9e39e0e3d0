package io.axion.quota.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ValidationException;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaExceededException;
import io.axion.api.quota.Reservation;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.InMemoryCluster;
import io.axion.testing.TempStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GovernorTest {
    private static final Governor.Physical HOST = new Governor.Physical(2, 24_576);

    @RegisterExtension
    final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);
    private final InMemoryCluster.Table cluster = new InMemoryCluster.Table();
    /** What LXD reports, as the instance view would hand it over. */
    private final Map<String, Amounts> lxd = new ConcurrentHashMap<>();

    private Governor member(String node, double overcommit) {
        InMemoryCluster locks = new InMemoryCluster(node, cluster);
        LimitsStore limits = new LimitsStore(store.get());
        return new Governor(locks, new Ledger(store.get(), Clock.systemUTC()), locks.sharedMap("lim"), limits,
                this::placed, () -> Map.of("h1", HOST), overcommit, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** What LXD reports, all on host h1. */
    private Map<String, Placed> placed() {
        Map<String, Placed> placed = new java.util.HashMap<>();
        lxd.forEach((name, amounts) -> placed.put(name, new Placed("h1", amounts)));
        return placed;
    }

    @Test
    void defaultsAreThePhysicalMemoryAndCoresTimesOvercommit() {
        Quota quota = member("n1", 4).quota();
        assertThat(quota.cpu().limit()).isEqualTo(8);
        assertThat(quota.cpu().physical()).isEqualTo(2);
        assertThat(quota.memoryMiB().limit()).isEqualTo(24_576);
        assertThat(quota.memoryMiB().physical()).isEqualTo(24_576);
        assertThat(member("n1", 1.5).quota().cpu().limit()).isEqualTo(3);
    }

    @Test
    void limitsAreBoundedAndPersisted() {
        Governor governor = member("n1", 4);
        assertThatThrownBy(() -> governor.setLimits(9, 1024)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("cpu:");
        assertThatThrownBy(() -> governor.setLimits(0, 1024)).hasMessageStartingWith("cpu:");
        assertThatThrownBy(() -> governor.setLimits(4, 24_577)).hasMessageStartingWith("memoryMiB:");
        lxd.put("big", new Amounts(3, 2048));
        assertThatThrownBy(() -> governor.setLimits(2, 4096)).hasMessageStartingWith("cpu:")
                .hasMessageContaining("3 allocated");
        assertThatThrownBy(() -> governor.setLimits(4, 1024)).hasMessageStartingWith("memoryMiB:");
        Quota set = governor.setLimits(4, 4096);
        assertThat(set.cpu().limit()).isEqualTo(4);
        assertThat(set.memoryMiB().limit()).isEqualTo(4096);
        assertThat(set.cpu().allocated()).isEqualTo(3);

        // A restart of the whole cluster: the shared maps are gone, the store remains.
        cluster.clearMaps();
        assertThat(member("n1", 4).quota().memoryMiB().limit()).isEqualTo(4096);
    }

    @Test
    void anAllocationAboveTheLimitIsReportedNotFailedAndNewReservationsAreRefused() {
        Governor governor = member("n1", 1);
        governor.setLimits(2, 1024);
        lxd.put("outside", new Amounts(4, 2048)); // made with lxc, beyond the limit
        Quota quota = governor.quota();
        assertThat(quota.cpu().allocated()).isEqualTo(4);
        assertThat(quota.cpu().overLimit()).isTrue();
        assertThatThrownBy(() -> governor.reserve("more", 1, 64)).isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("cpu: 3 core(s) short").hasMessageContaining("memoryMiB: 1088 MiB short");
    }

    @Test
    void aReservationCountsUntilReleasedAndAnUncommittedOneIsGivenBack() {
        Governor governor = member("n1", 1);
        governor.setLimits(2, 1024);
        try (Reservation r = governor.reserve("a", 1, 512)) {
            r.commit();
        }
        try (Reservation r = governor.reserve("b", 1, 512)) {
            assertThat(governor.quota().memoryMiB().allocated()).isEqualTo(1024);
        }
        assertThat(governor.quota().memoryMiB().allocated()).isEqualTo(512);
        governor.release("a");
        assertThat(governor.quota().memoryMiB().allocated()).isZero();
    }

    @Test
    void aSettledReservationStopsCountingOnceLxdShowsTheInstance() {
        Governor governor = member("n1", 1);
        governor.reserve("a", 1, 256).commit();
        governor.settle("a");
        lxd.put("a", new Amounts(1, 256));
        // Counted once, not twice: the larger of LXD's figure and the reservation.
        assertThat(governor.quota().memoryMiB().allocated()).isEqualTo(256);
    }

    @Test
    void thirtyTwoThreadsAgainstAQuotaThatFitsEightGetExactlyEight() throws Exception {
        Governor governor = member("n1", 8);
        governor.setLimits(8, 8 * 64);
        assertThat(race(List.of(governor), 32)).isEqualTo(8);
        assertThat(governor.quota().cpu().allocated()).isEqualTo(8);
        assertThat(governor.quota().memoryMiB().allocated()).isEqualTo(512);
    }

    @Test
    void threeMembersSharingTheLockAndLedgerNeverPassTheLimitTogether() throws Exception {
        Governor first = member("n1", 8);
        first.setLimits(8, 8 * 64);
        List<Governor> members = List.of(first, member("n2", 8), member("n3", 8));
        assertThat(race(members, 48)).isEqualTo(8);
        assertThat(first.quota().memoryMiB().allocated()).isEqualTo(512);
    }

    /** {@code requests} threads reserve 1 core and 64 MiB each at once; returns how many were admitted. */
    private int race(List<Governor> members, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong highest = new AtomicLong();
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Governor governor = members.get(i % members.size());
            String name = "i" + i;
            outcomes.add(pool.submit(() -> {
                go.await();
                try (Reservation r = governor.reserve(name, 1, 64)) {
                    r.commit();
                    highest.accumulateAndGet(governor.quota().memoryMiB().allocated(), Math::max);
                    return true;
                } catch (QuotaExceededException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int admitted = 0;
        for (Future<Boolean> outcome : outcomes) {
            admitted += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(highest.get()).isLessThanOrEqualTo(512);
        return admitted;
    }

    @Test
    void eachHostKeepsItsOwnCeilingAndTheClusterSumsThem() {
        InMemoryCluster locks = new InMemoryCluster("n1", cluster);
        Map<String, Placed> placed = new ConcurrentHashMap<>();
        Governor governor = new Governor(locks, new Ledger(store.get(), Clock.systemUTC()), locks.sharedMap("lim"),
                new LimitsStore(store.get()), () -> Map.copyOf(placed),
                () -> Map.of("a", new Governor.Physical(2, 4096), "b", new Governor.Physical(4, 8192)), 1,
                Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(governor.quota().cpu().limit()).isEqualTo(6);
        assertThat(governor.quota().hosts()).extracting(h -> h.host() + "=" + h.cpu().limit())
                .containsExactly("a=2", "b=4");

        governor.reserve("one", "a", 2, 1024).commit();
        assertThatThrownBy(() -> governor.reserve("two", "a", 1, 1024)).isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("Host 'a'");
        governor.reserve("two", "b", 1, 1024).commit();
        assertThat(governor.quota().hosts()).extracting(h -> h.host() + "=" + h.cpu().allocated())
                .containsExactly("a=2", "b=1");

        // A move counts on both hosts until it is done, and once on the cluster.
        placed.put("moving", new Placed("b", new Amounts(2, 1024)));
        governor.reserve("moving", "a", 0, 0);
        assertThatThrownBy(() -> governor.reserve("moving", "a", 2, 1024)).isInstanceOf(QuotaExceededException.class);
        assertThat(governor.quota().cpu().allocated()).isEqualTo(5);
    }

    @Test
    void aHostWhoseCapacityIsNotKnownYetTakesNothing() {
        InMemoryCluster locks = new InMemoryCluster("n1", cluster);
        Governor governor = new Governor(locks, new Ledger(store.get(), Clock.systemUTC()), locks.sharedMap("lim"),
                new LimitsStore(store.get()), Map::of, () -> Map.of("new", Governor.Physical.NONE), 1,
                Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThatThrownBy(() -> governor.reserve("x", "new", 1, 64)).isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("no known capacity");
    }
}
