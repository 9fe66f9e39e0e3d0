package io.axion.instances.internal;

import static io.axion.instances.internal.FakeLxd.info;
import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceChange;
import io.axion.api.lxd.ForwardProtocol;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.ProxyForward;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InstanceViewTest {
    private static final String H = "h1";
    private final List<InstanceChange> changes = new CopyOnWriteArrayList<>();
    private final InstanceView raw = new InstanceView();
    /** The view, with each change it reports collected. */
    private final Recording view = new Recording();

    private final class Recording {
        boolean put(InstanceInfo info, long stamp) {
            return put(H, info, stamp);
        }

        boolean put(String host, InstanceInfo info, long stamp) {
            var change = raw.put(host, info, stamp);
            change.ifPresent(changes::add);
            return change.isPresent() || raw.stampOf(new InstanceView.Key(host, info.name())) == stamp;
        }

        void remove(String name, long stamp) {
            raw.remove(H, name, stamp).ifPresent(changes::add);
        }

        void replaceAll(List<InstanceInfo> all, long stamp) {
            changes.addAll(raw.replaceAll(H, all, stamp));
        }

        java.util.Optional<Instance> find(String name) {
            return raw.find(name);
        }

        List<Instance> list() {
            return raw.list();
        }

        boolean loaded() {
            return raw.listed(H);
        }

        int size() {
            return raw.size();
        }
    }

    @Test
    void listsSortedByNameWithThePublicShape() {
        Instant created = Instant.parse("2026-01-02T03:04:05Z");
        view.put(new InstanceInfo("web", InstanceStatus.RUNNING, "axion/busybox", 2, 256L, null, created, "none",
                List.of(new ProxyForward("127.0.0.1", 12000, 80, ForwardProtocol.UDP)), Map.of()), 1);
        view.put(info("api", InstanceStatus.STOPPED, 1, 64L), 2);

        assertThat(view.list()).extracting(Instance::name).containsExactly("api", "web");
        Instance web = view.find("web").orElseThrow();
        assertThat(web.status()).isEqualTo("Running");
        assertThat(web.host()).isEqualTo(H);
        assertThat(web.node()).as("labelled per read with the host's owner").isNull();
        assertThat(web.createdAt()).isEqualTo(created);
        assertThat(web.memoryMiB()).isEqualTo(256L);
        assertThat(web.forwards()).singleElement().satisfies(f -> {
            assertThat(f.hostPort()).isEqualTo(12000);
            assertThat(f.containerPort()).isEqualTo(80);
            assertThat(f.protocol()).isEqualTo("udp");
        });
    }

    @Test
    void aListingStartedBeforeADeleteDoesNotBringTheInstanceBack() {
        view.put(info("a", InstanceStatus.RUNNING, 1, 64L), 1);
        long listingStarted = 2;
        view.remove("a", 3); // an event read after the listing began: gone
        view.replaceAll(List.of(info("a", InstanceStatus.RUNNING, 1, 64L)), listingStarted);
        assertThat(view.find("a")).isEmpty();
    }

    @Test
    void aListingStartedBeforeACreateDoesNotRemoveTheNewInstance() {
        long listingStarted = 1;
        view.put(info("new", InstanceStatus.STOPPED, 1, 64L), 2);
        view.replaceAll(List.of(), listingStarted);
        assertThat(view.find("new")).isPresent();
    }

    @Test
    void anOlderSingleReadDoesNotOverwriteANewerOne() {
        view.put(info("a", InstanceStatus.RUNNING, 1, 64L), 5);
        assertThat(view.put(info("a", InstanceStatus.STOPPED, 1, 64L), 4)).isFalse();
        assertThat(view.find("a").orElseThrow().status()).isEqualTo("Running");
    }

    @Test
    void aFullListingRemovesWhatLxdNoLongerHasAndMarksTheViewLoaded() {
        view.put(info("a", InstanceStatus.RUNNING, 1, 64L), 1);
        view.put(info("b", InstanceStatus.RUNNING, 1, 64L), 1);
        assertThat(view.loaded()).isFalse();
        view.replaceAll(List.of(info("b", InstanceStatus.STOPPED, 1, 64L), info("c", InstanceStatus.RUNNING, 1, 64L)), 2);
        assertThat(view.list()).extracting(Instance::name).containsExactly("b", "c");
        assertThat(view.find("b").orElseThrow().status()).isEqualTo("Stopped");
        assertThat(view.loaded()).isTrue();
    }

    @Test
    void aCreateAfterADeleteOfTheSameNameIsSeen() {
        view.put(info("a", InstanceStatus.RUNNING, 1, 64L), 1);
        view.remove("a", 2);
        view.put(info("a", InstanceStatus.STOPPED, 2, 128L), 3);
        assertThat(view.find("a").orElseThrow().cpu()).isEqualTo(2);
    }

    @Test
    void announcesAddedUpdatedRemovedButNotUnchangedReads() {
        view.put(info("a", InstanceStatus.STOPPED, 1, 64L), 1);
        InstanceInfo running = info("a", InstanceStatus.RUNNING, 1, 64L);
        view.put(running, 2);
        view.put(running, 3);
        view.remove("a", 4);
        assertThat(changes).extracting(InstanceChange::kind).containsExactly(InstanceChange.Kind.ADDED,
                InstanceChange.Kind.UPDATED, InstanceChange.Kind.REMOVED);
        assertThat(changes.get(1).before().status()).isEqualTo("Stopped");
        assertThat(changes.get(1).after().status()).isEqualTo("Running");
        assertThat(changes.get(2).after()).isNull();
    }

    @Test
    void manyConcurrentWritersEndWithTheNewestStampPerInstance() throws Exception {
        Stamps stamps = new Stamps();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    long stamp = stamps.next();
                    view.put(info("i" + (i % 50), i % 2 == 0 ? InstanceStatus.RUNNING : InstanceStatus.STOPPED, 1,
                            64L), stamp);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(view.size()).isEqualTo(50);
        assertThat(view.list()).allSatisfy(i -> assertThat(i.name()).startsWith("i"));
    }

    @Test
    void twoHostsMayHoldTheSameNameAndAListingOnlyTouchesItsOwnHost() {
        view.put("h1", info("web", InstanceStatus.RUNNING, 1, 64L), 1);
        view.put("h2", info("web", InstanceStatus.STOPPED, 1, 64L), 1);
        view.put("h2", info("db", InstanceStatus.STOPPED, 1, 64L), 1);
        assertThat(raw.list()).extracting(i -> i.host() + "/" + i.name()).containsExactly("h2/db", "h1/web",
                "h2/web");
        raw.replaceAll("h1", List.of(), 2);
        assertThat(raw.list()).extracting(i -> i.host() + "/" + i.name()).containsExactly("h2/db", "h2/web");
        assertThat(raw.forgetHost("h2")).hasSize(2);
        assertThat(raw.list()).isEmpty();
    }

    @Test
    void everyNodeMirrorsTheOwnersWritesThroughTheClusterMap() {
        FakeCluster cluster = new FakeCluster();
        FakeLxd lxd = new FakeLxd();
        lxd.add("shared", InstanceStatus.RUNNING, 2, 128L);
        TestHosts owning = new TestHosts("node-1").add(H, lxd, new FakeEvents(), null);
        InstanceViewComponent owner = new InstanceViewComponent(owning, cluster);
        owner.activate(Configs.instances());
        InstanceViewComponent mirror = new InstanceViewComponent(new TestHosts("node-2"),
                new io.axion.testing.InMemoryCluster("node-2", cluster.table()));
        mirror.activate(Configs.instances());
        try (AutoCloseable agent = owner.hostAcquired(H, owning.lxd(H))) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> mirror.find("shared").isPresent());
            assertThat(mirror.find("shared").orElseThrow().cpu()).isEqualTo(2);
            assertThat(mirror.find("shared").orElseThrow().host()).isEqualTo(H);
            lxd.instances.remove("shared");
            owner.reconcile(H);
            assertThat(mirror.find("shared")).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            mirror.deactivate();
            owner.deactivate();
        }
    }

    @Test
    void whileLxdCannotBeListedReadsWaitAtMostTwoSecondsAndNeverCallLxd() throws Exception {
        FakeLxd lxd = new FakeLxd();
        lxd.listFailure = new io.axion.api.lxd.LxdUnreachableException("down", null);
        TestHosts hosts = new TestHosts("node-1").add(H, lxd, new FakeEvents(), null);
        InstanceViewComponent component = new InstanceViewComponent(hosts, new FakeCluster());
        component.activate(Configs.instances());
        AutoCloseable agent = component.hostAcquired(H, hosts.lxd(H));
        try {
            long started = System.nanoTime();
            assertThat(component.list()).isEmpty();
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(4));
            lxd.listFailure = null;
            lxd.add("back", InstanceStatus.RUNNING, 1, 64L);
            // The first listing is retried every 2 s until it works.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> component.find("back").isPresent());
        } finally {
            agent.close();
            component.deactivate();
        }
    }
}
