package io.axion.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import io.axion.testing.TypedConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two real Hazelcast members on loopback, in a cluster of their own. */
class HazelcastClusterServiceTest {
    static HazelcastClusterService first;
    static HazelcastClusterService second;
    static TopicEventBus firstBus;
    static TopicEventBus secondBus;

    @BeforeAll
    static void startTwoMembers() throws Exception {
        String cluster = "test-" + UUID.randomUUID();
        first = start(cluster, "one");
        second = start(cluster, "two");
        firstBus = bus(first);
        secondBus = bus(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.members().size() == 2);
    }

    @AfterAll
    static void stop() {
        second.deactivate();
        first.deactivate();
    }

    @Test
    void membersSeeEachOtherAndOnlyOneIsLocal() {
        assertThat(first.members()).hasSize(2);
        assertThat(first.members()).filteredOn(m -> m.local()).hasSize(1);
        assertThat(first.members()).allSatisfy(m -> assertThat(m.address()).startsWith("127.0.0.1:"));
        assertThat(first.members()).extracting(m -> m.name()).containsExactlyInAnyOrder("one", "two");
        assertThat(second.members()).allSatisfy(m -> assertThat(m.since()).isNotNull());
    }

    @Test
    void sharedMapListenersHearEveryMembersChanges() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (AutoCloseable listening = second.listen("watched", new io.axion.api.cluster.SharedMapListener() {
            @Override
            public void entryUpdated(String key, String value) {
                heard.add(key + "=" + value);
            }

            @Override
            public void entryRemoved(String key) {
                heard.add(key + " removed");
            }
        })) {
            first.sharedMap("watched").put("a", "1");
            first.sharedMap("watched").replace("a", "1", "2");
            second.sharedMap("watched").remove("a");
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 3);
            assertThat(heard).containsExactly("a=1", "a=2", "a removed");
        }
    }

    @Test
    void aLockIsExclusiveAcrossMembersUntilReleased() throws Exception {
        Optional<ClusterLock> held = first.tryLock("instance:a", Duration.ZERO, Duration.ofSeconds(30));
        assertThat(held).isPresent();
        assertThat(second.tryLock("instance:a", Duration.ofMillis(100), Duration.ofSeconds(30))).isEmpty();
        held.get().close();
        assertThat(second.tryLock("instance:a", Duration.ofSeconds(1), Duration.ofSeconds(30))).isPresent()
                .get().satisfies(ClusterLock::close);
    }

    @Test
    void aSharedMapIsOneMapForEveryMember() {
        first.sharedMap("test").put("k", "v1");
        assertThat(second.sharedMap("test").get("k")).isEqualTo("v1");
        assertThat(second.sharedMap("test").putIfAbsent("k", "v2")).isEqualTo("v1");
        assertThat(second.sharedMap("test").replace("k", "v1", "v3")).isTrue();
        assertThat(first.sharedMap("test").remove("k", "v1")).isFalse();
        assertThat(first.sharedMap("test").remove("k", "v3")).isTrue();
        assertThat(second.sharedMap("other").get("k")).isNull();
    }

    @Test
    void aDeadHoldersLeaseRunsOut() throws Exception {
        assertThat(first.tryLock("instance:b", Duration.ZERO, Duration.ofMillis(300))).isPresent();
        Optional<ClusterLock> next = second.tryLock("instance:b", Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(next).isPresent();
        next.get().close();
    }

    @Test
    void anExpiredHolderCannotRenewOrReleaseTheNextHoldersLock() throws Exception {
        ClusterLock stale = first.tryLock("instance:c", Duration.ZERO, Duration.ofMillis(200)).orElseThrow();
        ClusterLock fresh = second.tryLock("instance:c", Duration.ofSeconds(5), Duration.ofSeconds(30)).orElseThrow();
        assertThat(stale.renew(Duration.ofSeconds(30))).isFalse();
        stale.close();
        assertThat(first.tryLock("instance:c", Duration.ZERO, Duration.ofSeconds(1))).isEmpty();
        assertThat(fresh.renew(Duration.ofSeconds(30))).isTrue();
        fresh.close();
    }

    @Test
    void eventsReachSubscribersOnEveryMemberByChannel() {
        List<AxionEvent> jobs = new CopyOnWriteArrayList<>();
        List<AxionEvent> all = new CopyOnWriteArrayList<>();
        EventBus.Subscription onlyJobs = secondBus.subscribe(Set.of("jobs"), jobs::add);
        EventBus.Subscription everything = secondBus.subscribe(Set.of(), all::add);

        firstBus.publish(AxionEvent.of("jobs", "job-updated", Map.of("id", "j1", "attempts", 1)));
        firstBus.publish(AxionEvent.of("instances", "instance-started", Map.of("name", "web1")));

        await().atMost(Duration.ofSeconds(5)).until(() -> all.size() == 2 && jobs.size() == 1);
        assertThat(jobs.get(0).data()).containsEntry("id", "j1").containsEntry("attempts", 1);
        onlyJobs.close();
        everything.close();
    }

    private static HazelcastClusterService start(String cluster, String node) {
        HazelcastClusterService service = new HazelcastClusterService();
        service.activate(config(cluster, node));
        return service;
    }

    private static TopicEventBus bus(HazelcastClusterService cluster) throws Exception {
        TopicEventBus bus = new TopicEventBus();
        var field = TopicEventBus.class.getDeclaredField("cluster");
        field.setAccessible(true);
        field.set(bus, cluster);
        bus.activate();
        return bus;
    }

    static ClusterConfig config(String cluster, String node) {
        return config(cluster, node, "");
    }

    static ClusterConfig config(String cluster, String node, String secret) {
        return TypedConfigs.of(ClusterConfig.class, Map.of("clusterName", cluster, "nodeName", node,
                "secret", secret, "failureTimeoutSeconds", 3));
    }
}
