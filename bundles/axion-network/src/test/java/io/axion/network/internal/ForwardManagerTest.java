package io.axion.network.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.AxionException;
import io.axion.api.lxd.ForwardProtocol;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.ProxyForward;
import io.axion.api.network.Forward;
import io.axion.api.network.ForwardRequest;
import io.axion.testing.InMemoryCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForwardManagerTest {
    FakeLxd lxd = new FakeLxd();
    InMemoryCluster cluster = new InMemoryCluster("node-a");
    Set<Integer> hostBusy = ConcurrentHashMap.newKeySet();
    ForwardManager manager = new ForwardManager(lxd, lxd.forwards, cluster,
            (address, port, protocol) -> hostBusy.contains(port));

    @BeforeEach
    void instances() {
        manager.rules(new PortRules(10000, 60000, "127.0.0.1"), true);
        lxd.add("web", InstanceStatus.RUNNING);
        lxd.add("db", InstanceStatus.RUNNING);
    }

    @Test
    void addsAProxyDeviceAndListsIt() {
        Forward added = manager.add("web", new ForwardRequest(10080, 80, null));

        assertThat(added).isEqualTo(new Forward(10080, 80, "tcp"));
        assertThat(lxd.instance("web").forwards)
                .containsExactly(new ProxyForward("127.0.0.1", 10080, 80, ForwardProtocol.TCP));
        assertThat(manager.list("web")).containsExactly(added);
        assertThat(cluster.table().taken()).containsExactly("instance:web", "forward-port:h1:127.0.0.1:10080");
        assertThat(cluster.table().held()).isEmpty();
    }

    @Test
    void aForwardKeepsTheSourcesAllowedToUseItBesideItsDevice() {
        List<String> guarded = new ArrayList<>();
        manager.addSourceGuard(host -> guarded.add(host + ":" + lxd.instance("web").forwards.size()));
        Forward added = manager.add("web", new ForwardRequest(10081, 80, null, List.of("10.1.2.3", "192.168.9.9/16")));

        assertThat(added.sources()).containsExactly("10.1.2.3/32", "192.168.0.0/16");
        assertThat(lxd.instance("web").config).containsEntry("user.axion.forward-sources.10081",
                "10.1.2.3/32,192.168.0.0/16");
        assertThat(manager.list("web")).containsExactly(added);
        manager.remove("web", 10081);
        assertThat(lxd.instance("web").config).doesNotContainKey("user.axion.forward-sources.10081");
        // Enforced before the device existed, and again once it was gone.
        assertThat(guarded).containsExactly("h1:0", "h1:0");
    }

    @Test
    void sourcesNobodyEnforcesAre422AndOnesThatCannotBeEnforcedAre503() {
        assertStatus(() -> manager.add("web", new ForwardRequest(10083, 80, null, List.of("10.0.0.0/8"))), 422,
                "axion-firewall");
        manager.addSourceGuard(host -> {
            throw new IllegalStateException("nft is missing");
        });
        assertStatus(() -> manager.add("web", new ForwardRequest(10083, 80, null, List.of("10.0.0.0/8"))), 503,
                "nft is missing");
        assertThat(lxd.instance("web").forwards).isEmpty();
        assertThat(lxd.instance("web").config).isEmpty();
        assertThat(manager.add("web", new ForwardRequest(10083, 80, null)).sources()).isEmpty();
    }

    @Test
    void aBadSourceIs422AndChangesNothing() {
        manager.addSourceGuard(host -> { });
        assertStatus(() -> manager.add("web", new ForwardRequest(10082, 80, null, List.of("10.0.0.0/8", "anyone"))),
                422, "sources[1]");
        assertThat(lxd.instance("web").forwards).isEmpty();
        assertThat(lxd.instance("web").config).isEmpty();
    }

    @Test
    void aPortAnyInstanceForwardsIs409WhateverTheProtocol() {
        manager.add("db", new ForwardRequest(10080, 5432, "udp"));

        assertStatus(() -> manager.add("web", new ForwardRequest(10080, 80, null)), 409, "instance 'db'");
        assertStatus(() -> manager.add("db", new ForwardRequest(10080, 5432, "tcp")), 409, "instance 'db'");
        assertThat(lxd.instance("web").forwards).isEmpty();
    }

    @Test
    void aPortAHostProcessListensOnIs409() {
        hostBusy.add(10022);
        assertStatus(() -> manager.add("web", new ForwardRequest(10022, 22, null)), 409, "in use by a process");
        manager.rules(new PortRules(10000, 60000, "127.0.0.1"), false);
        assertThat(manager.add("web", new ForwardRequest(10022, 22, null)).hostPort()).isEqualTo(10022);
    }

    @Test
    void badInputIs422AndUnknownThingsAre404() {
        assertStatus(() -> manager.add("web", new ForwardRequest(80, 80, null)), 422, "hostPort");
        assertStatus(() -> manager.add("Web!", new ForwardRequest(10080, 80, null)), 422, "name");
        assertStatus(() -> manager.add("ghost", new ForwardRequest(10080, 80, null)), 404, "Instance 'ghost'");
        assertStatus(() -> manager.list("ghost"), 404, "Instance 'ghost'");
        assertStatus(() -> manager.remove("web", 10080), 404, "Forward 'web:10080'");
        assertThat(cluster.table().held()).isEmpty();
    }

    @Test
    void removeDeletesTheDevice() {
        manager.add("web", new ForwardRequest(10080, 80, null));
        manager.remove("web", 10080);
        assertThat(manager.list("web")).isEmpty();
    }

    @Test
    void aBusyInstanceIs409AfterTheWait() throws Exception {
        manager.lockWait(java.time.Duration.ofMillis(50));
        try (var job = cluster.tryLock("instance:web", java.time.Duration.ZERO, java.time.Duration.ofSeconds(30))
                .orElseThrow()) {
            assertStatus(() -> manager.add("web", new ForwardRequest(10080, 80, null)), 409, "busy with a job");
            assertStatus(() -> manager.remove("web", 10080), 409, "busy with a job");
        }
        assertThat(manager.add("web", new ForwardRequest(10080, 80, null)).hostPort()).isEqualTo(10080);
    }

    @Test
    void concurrentRequestsForOnePortAdmitExactlyOne() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            names.add("i" + i);
            lxd.add("i" + i, InstanceStatus.RUNNING);
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger conflicts = new AtomicInteger();
        List<Future<Boolean>> results = new ArrayList<>();
        for (String name : names) {
            Callable<Boolean> attempt = () -> {
                start.await();
                try {
                    manager.add(name, new ForwardRequest(20000, 80, null));
                    return true;
                } catch (AxionException e) {
                    if (e.status() == 409) {
                        conflicts.incrementAndGet();
                    }
                    return false;
                }
            };
            results.add(pool.submit(attempt));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Boolean> result : results) {
            admitted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertThat(admitted).isEqualTo(1);
        assertThat(conflicts.get()).isEqualTo(11);
        assertThat(lxd.instances.values().stream().mapToLong(i -> i.forwards.size()).sum()).isEqualTo(1);
    }

    static void assertStatus(Runnable call, int status, String detail) {
        assertThatThrownBy(call::run).isInstanceOf(AxionException.class)
                .satisfies(e -> assertThat(((AxionException) e).status()).isEqualTo(status))
                .hasMessageContaining(detail);
    }
}
