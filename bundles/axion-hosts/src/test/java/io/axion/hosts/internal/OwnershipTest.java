package io.axion.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.host.HostAgent;
import io.axion.api.host.HostEndpoint;
import io.axion.api.lxd.LxdHost;
import io.axion.testing.FakeLxdHost;
import io.axion.testing.InMemoryCluster;
import io.axion.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three nodes over one in-memory cluster: each owns its home host, survivors share a dead node's, hand-back. */
class OwnershipTest {
    private final InMemoryCluster.Table table = new InMemoryCluster.Table();
    private final MutableClock clock = new MutableClock();
    private final List<HostRecord> records = List.of(record("h1", "n1"), record("h2", "n2"), record("h3", "n3"),
            record("spare", null));
    private final Map<String, Node> nodes = new TreeMap<>();
    private final List<String> agentLog = new CopyOnWriteArrayList<>();

    @BeforeEach
    void threeNodes() {
        for (String name : List.of("n1", "n2", "n3")) {
            nodes.put(name, new Node(name));
        }
        sweepAll();
    }

    @Test
    void everyHostHasExactlyOneOwnerAndHomesOwnTheirs() {
        assertThat(nodes.get("n1").agents.owned()).contains("h1");
        assertThat(nodes.get("n2").agents.owned()).contains("h2");
        assertThat(nodes.get("n3").agents.owned()).contains("h3");
        assertExactlyOneOwnerEach(Set.of("n1", "n2", "n3"));
    }

    @Test
    void aDeadNodesHostsGoToOneSurvivorAndComeBackToTheirHome() {
        Node dead = nodes.remove("n3");
        dead.cluster.leave();
        sweepAll();
        assertExactlyOneOwnerEach(Set.of("n1", "n2"));
        assertThat(owners().get("h3")).isIn("n1", "n2");

        Node back = new Node("n3");
        nodes.put("n3", back);
        sweepAll();
        assertThat(back.agents.owned()).as("not before the hand-back delay").doesNotContain("h3");

        clock.advance(Duration.ofSeconds(11));
        sweepAll();
        sweepAll();
        assertThat(back.agents.owned()).contains("h3");
        assertExactlyOneOwnerEach(Set.of("n1", "n2", "n3"));
    }

    @Test
    void anOwnerStopsAHostsAgentsBeforeItsEntryGoes() {
        Node n1 = nodes.get("n1");
        agentLog.clear();
        n1.ownership.withdraw();
        assertThat(agentLog).contains("n1 stop h1");
        assertThat(owners()).doesNotContainValue("n1");
        sweepAll();
        clock.advance(Ownership.ORPHAN_GRACE);
        sweepAll();
        assertThat(owners().get("h1")).isIn("n2", "n3");
    }

    @Test
    void rendezvousIsTheSameEverywhereAndSpreadsHosts() {
        Set<String> members = Set.of("a", "b", "c");
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            counts.merge(Ownership.rendezvous("host-" + i, members), 1L, Long::sum);
            assertThat(Ownership.rendezvous("host-" + i, List.of("c", "b", "a")))
                    .isEqualTo(Ownership.rendezvous("host-" + i, members));
        }
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(70L, 130L));
    }

    private void sweepAll() {
        for (int round = 0; round < 2; round++) {
            nodes.values().forEach(node -> node.ownership.sweep(records));
        }
    }

    private Map<String, String> owners() {
        return new TreeMap<>(nodes.values().iterator().next().cluster.sharedMap(Ownership.OWNERS));
    }

    private void assertExactlyOneOwnerEach(Set<String> live) {
        for (HostRecord host : records) {
            List<String> running = nodes.values().stream().filter(n -> n.agents.owns(host.name()))
                    .map(n -> n.name).collect(Collectors.toList());
            assertThat(running).as("nodes running agents for %s", host.name()).hasSize(1);
            assertThat(owners().get(host.name())).isEqualTo(running.get(0)).isIn(live);
        }
    }

    private static HostRecord record(String name, String home) {
        return new HostRecord(name, HostEndpoint.localSocket("/fake/" + name, "p-" + name), home, Instant.EPOCH);
    }

    private final class Node {
        final String name;
        final InMemoryCluster cluster;
        final HostAgents agents = new HostAgents();
        final Ownership ownership;

        Node(String name) {
            this.name = name;
            this.cluster = new InMemoryCluster(name, table);
            agents.agentAdded(new HostAgent() {
                @Override
                public AutoCloseable hostAcquired(String host, LxdHost lxd) {
                    agentLog.add(name + " start " + host);
                    return () -> agentLog.add(name + " stop " + host);
                }
            });
            this.ownership = new Ownership(cluster, agents, r -> agents.acquired(r.name(), new FakeLxdHost(r.name())),
                    Duration.ofSeconds(10), clock, new Ownership.Changes() {
                        @Override
                        public void ownerChanged(String host) {
                        }

                        @Override
                        public void nodeLeft(String node) {
                        }
                    });
            ownership.announceReady();
        }
    }
}
