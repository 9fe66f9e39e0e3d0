package io.axion.quota.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.instance.Instance;
import io.axion.api.quota.QuotaExceededException;
import io.axion.api.tenant.TenantQuota;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.InMemoryCluster;
import io.axion.testing.TempStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tenant's diskGiB quota: root disks counted like cpu and memory, a pool-default disk as defaultDiskGiB. */
class TenantDiskQuotaTest {
    private static final Governor.Physical HOST = new Governor.Physical(10, 24_576);
    private static final long DEFAULT_DISK = 10;

    @RegisterExtension
    final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);
    private final InMemoryCluster.Table cluster = new InMemoryCluster.Table();
    private final Map<String, Amounts> lxd = new ConcurrentHashMap<>();
    private final Map<String, String> lxdTenants = new ConcurrentHashMap<>();
    private final Map<String, TenantQuota> quotas = new ConcurrentHashMap<>();

    private Governor member(String node) {
        InMemoryCluster locks = new InMemoryCluster(node, cluster);
        return new Governor(locks, new Ledger(store.get(), Clock.systemUTC()), locks.sharedMap("lim"),
                new LimitsStore(store.get()), this::placed, () -> Map.of("h1", HOST), 2, Duration.ofSeconds(60),
                Duration.ofSeconds(30), () -> Map.copyOf(lxdTenants), t -> Optional.ofNullable(quotas.get(t)),
                DEFAULT_DISK);
    }

    private Map<String, Placed> placed() {
        Map<String, Placed> placed = new HashMap<>();
        lxd.forEach((name, amounts) -> placed.put(name, new Placed("h1", amounts)));
        return placed;
    }

    @Test
    void aCreateWithThePoolsDefaultDiskCountsTheConfiguredDefault() {
        quotas.put("a", new TenantQuota(null, null, 25L, null));
        Governor governor = member("n1");
        governor.reserve("one", "h1", 1, 64, null, "a").commit();
        governor.reserve("two", "h1", 1, 64, null, "a").commit();
        assertThatThrownBy(() -> governor.reserve("three", "h1", 1, 64, null, "a"))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("diskGiB: 30 GiB needed of a quota of 25");
        // The older signature, which names no disk, counts the default as well.
        assertThatThrownBy(() -> governor.reserve("three", "h1", 1, 64, "a"))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("diskGiB");
        assertThat(new Ledger(store.get(), Clock.systemUTC()).current()).containsOnlyKeys("one", "two");
        assertThat(new Ledger(store.get(), Clock.systemUTC()).current().get("one").amounts().diskGiB())
                .isEqualTo(DEFAULT_DISK);
    }

    @Test
    void anExplicitSizeCountsItselfUpToTheQuotaExactly() {
        quotas.put("a", new TenantQuota(null, null, 25L, null));
        Governor governor = member("n1");
        governor.reserve("big", "h1", 1, 64, 20L, "a").commit();
        governor.reserve("small", "h1", 1, 64, 5L, "a").commit();
        assertThatThrownBy(() -> governor.reserve("tiny", "h1", 1, 64, 1L, "a"))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("diskGiB: 26 GiB needed of a quota of 25");
        // Another tenant, and no tenant at all, are held only by the global cpu and memory.
        governor.reserve("b-1", "h1", 1, 64, 1000L, "b").commit();
        governor.reserve("loose", "h1", 1, 64, 1000L, null).commit();
    }

    @Test
    void anExistingInstanceCountsTheLargerOfItsLxdDiskAndItsReservation() {
        quotas.put("a", new TenantQuota(null, null, 30L, null));
        lxd.put("old", new Amounts(1, 64, 8));
        lxdTenants.put("old", "a");
        Governor governor = member("n1");
        // A reservation below what LXD shows does not shrink the instance's share: it still counts 8.
        governor.reserve("old", "h1", 1, 64, 4L, "a").commit();
        assertThatThrownBy(() -> governor.reserve("new", "h1", 1, 64, 23L, "a"))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("31 GiB needed");
        // A reservation above it counts in full while LXD still has the old figure.
        governor.reserve("old", "h1", 1, 64, 12L, "a").commit();
        assertThatThrownBy(() -> governor.reserve("new", "h1", 1, 64, 19L, "a"))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("31 GiB needed");
        governor.reserve("new", "h1", 1, 64, 18L, "a").commit();
    }

    @Test
    void fortyRacingCreatesOnTwoNodesAdmitExactlyWhatTheDiskQuotaHolds() throws Exception {
        quotas.put("a", new TenantQuota(null, null, 5 * DEFAULT_DISK, null));
        List<Governor> members = List.of(member("n1"), member("n2"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Governor governor = members.get(i % 2);
            String name = "a-" + i;
            results.add(pool.submit(() -> {
                go.await();
                try {
                    governor.reserve(name, "h1", 0, 64, null, "a").commit();
                    return true;
                } catch (QuotaExceededException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int admitted = 0;
        for (Future<Boolean> result : results) {
            admitted += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(admitted).isEqualTo(5);
        assertThat(new Ledger(store.get(), Clock.systemUTC()).current()).hasSize(5);
    }

    @Test
    void aRefusedReplacementGivesBackTheEarlierReservationWithItsDiskAndTenant() {
        Ledger ledger = new Ledger(store.get(), Clock.systemUTC());
        new LimitsStore(store.get());
        ledger.put("x", new Placed("h1", new Amounts(1, 64, 7)), "a");
        Optional<Ledger.Hold> previous = ledger.put("x", new Placed("h1", new Amounts(2, 128, 9)), "a");
        ledger.undo("x", previous);
        assertThat(ledger.current().get("x").amounts()).isEqualTo(new Amounts(1, 64, 7));
        assertThat(ledger.tenants()).containsEntry("x", "a");
    }

    @Test
    void lxdsFiguresOfAnInstanceCountAPoolDefaultDiskAsTheDefault() {
        Instance pooled = new Instance("p", "Running", "img", 2, 256L, null, "h1", null, Instant.EPOCH, null, null,
                "a");
        Instance sized = new Instance("s", "Running", "img", null, null, 40L, "h1", null, Instant.EPOCH, null, null,
                "a");
        assertThat(QuotaComponent.figures(pooled, 15)).isEqualTo(new Amounts(2, 256, 15));
        assertThat(QuotaComponent.figures(sized, 15)).isEqualTo(new Amounts(0, 0, 40));
    }

    @Test
    void theAllowanceSumsTheTenantsDisksOnly() {
        Map<String, Amounts> actual = Map.of("mine", new Amounts(0, 0, 10), "theirs", new Amounts(0, 0, 100));
        Map<String, String> owners = Map.of("mine", "a", "theirs", "b");
        TenantQuota quota = new TenantQuota(null, null, 15L, null);
        assertThat(TenantAllowance.shortfall("a", quota, "next", new Amounts(0, 0, 5), actual, Map.of(), owners,
                Map.of())).isNull();
        assertThat(TenantAllowance.shortfall("a", quota, "next", new Amounts(0, 0, 6), actual, Map.of(), owners,
                Map.of())).isEqualTo("tenant a: diskGiB: 16 GiB needed of a quota of 15");
    }
}
