package io.axion.quota.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.quota.QuotaExceededException;
import io.axion.api.tenant.TenantQuota;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.InMemoryCluster;
import io.axion.testing.TempStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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

/** A tenant's quota, checked in the governor's locked step together with the global limits. */
class TenantQuotaTest {
    /** 20 cores of global room (10 physical × 2). */
    private static final Governor.Physical HOST = new Governor.Physical(10, 24_576);

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
                Duration.ofSeconds(30), () -> Map.copyOf(lxdTenants), t -> Optional.ofNullable(quotas.get(t)));
    }

    private Map<String, Placed> placed() {
        Map<String, Placed> placed = new java.util.HashMap<>();
        lxd.forEach((name, amounts) -> placed.put(name, new Placed("h1", amounts)));
        return placed;
    }

    @Test
    void fortyRacingCreatesOnTwoNodesAdmitExactlyTheTenantsFive() throws Exception {
        quotas.put("a", new TenantQuota(null, null, null, 5));
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
                    governor.reserve(name, "h1", 0, 64, "a").commit();
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
        // Another tenant is not held back by a's quota, only by the global room.
        members.get(0).reserve("b-1", "h1", 1, 64, "b").commit();
    }

    @Test
    void instancesAlreadyInLxdCountAndCpuAndMemoryAreCheckedToo() {
        quotas.put("a", new TenantQuota(4, 1024L, null, 3));
        lxd.put("old", new Amounts(2, 512));
        lxdTenants.put("old", "a");
        lxd.put("foreign", new Amounts(8, 8192));
        lxdTenants.put("foreign", "b");
        Governor governor = member("n1");
        governor.reserve("x", "h1", 2, 512, "a").commit();
        assertThatThrownBy(() -> governor.reserve("y", "h1", 1, 64, "a"))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("cpu: 5 core(s) needed of a quota of 4");
        assertThatThrownBy(() -> governor.reserve("y", "h1", 0, 64, "a"))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("memoryMiB");
        quotas.put("a", new TenantQuota(null, null, null, 2));
        assertThatThrownBy(() -> governor.reserve("y", "h1", 0, 0, "a"))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("instances: 3 needed of a quota of 2");
    }

    @Test
    void aResizeOfAnInstanceReplacesItsFigureAndARefusedOneReservesNothing() {
        quotas.put("a", new TenantQuota(4, null, null, null));
        lxd.put("web", new Amounts(2, 256));
        lxdTenants.put("web", "a");
        Governor governor = member("n1");
        governor.reserve("web", "h1", 4, 256, "a").commit();
        assertThatThrownBy(() -> governor.reserve("other", "h1", 1, 0, "a")).isInstanceOf(QuotaExceededException.class);
        assertThat(new Ledger(store.get(), Clock.systemUTC()).current()).containsOnlyKeys("web");
    }
}
