package io.axion.hosts.internal;

import static io.axion.hosts.internal.ClusterTestFakes.host;
import static io.axion.hosts.internal.ClusterTestFakes.ListedJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.host.ClusterOverview;
import io.axion.api.host.ClusterOverview.NodeView;
import io.axion.api.host.Host;
import io.axion.api.job.JobState;
import io.axion.api.placement.Placement;
import io.axion.api.placement.PlacementPolicy;
import io.axion.hosts.internal.ClusterTestFakes.ListedHosts;
import io.axion.hosts.internal.ClusterTestFakes.ListedJobs;
import io.axion.testing.InMemoryCluster;
import io.axion.testing.TypedConfigs;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterOverviewComponentTest {
    static final List<Host> HOSTS = List.of(host("lxd-1", "node-a"), host("lxd-2", "node-b"),
            host("lxd-3", "node-a"), host("spare", null));

    final InMemoryCluster.Table table = new InMemoryCluster.Table();
    // Joined out of order, so that the sorting is the overview's own.
    final InMemoryCluster nodeB = new InMemoryCluster("node-b", table);
    final InMemoryCluster nodeC = new InMemoryCluster("node-c", table);
    final InMemoryCluster nodeA = new InMemoryCluster("node-a", table);
    final List<ClusterOverviewComponent> started = new java.util.ArrayList<>();

    ClusterOverviewComponent start(InMemoryCluster cluster, String publicUrl) {
        ClusterOverviewComponent component = new ClusterOverviewComponent();
        component.cluster = cluster;
        component.hosts = new ListedHosts(cluster.localNodeId(), HOSTS);
        component.activate(TypedConfigs.of(HostsConfig.class, Map.of("publicUrl", publicUrl)));
        started.add(component);
        return component;
    }

    @AfterEach
    void stop() {
        started.forEach(ClusterOverviewComponent::deactivate);
    }

    @Test
    void nodesAreSortedByNameAndTheAnsweringOneIsLocal() {
        ClusterOverview overview = start(nodeB, "").overview();
        assertThat(overview.node()).isEqualTo("node-b");
        assertThat(overview.nodes()).extracting(NodeView::name).containsExactly("node-a", "node-b", "node-c");
        assertThat(overview.nodes()).filteredOn(NodeView::local).extracting(NodeView::name)
                .containsExactly("node-b");
        assertThat(overview.nodes()).extracting(NodeView::state).containsOnly("up");
        assertThat(overview.nodes()).extracting(NodeView::address).containsOnly("127.0.0.1");
    }

    @Test
    void eachNodeListsTheHostsItOwnsAndEveryHostIsListed() {
        ClusterOverview overview = start(nodeB, "").overview();
        assertThat(node(overview, "node-a").hosts()).containsExactly("lxd-1", "lxd-3");
        assertThat(node(overview, "node-b").hosts()).containsExactly("lxd-2");
        assertThat(node(overview, "node-c").hosts()).isEmpty();
        assertThat(overview.hosts()).extracting(Host::name).containsExactly("lxd-1", "lxd-2", "lxd-3", "spare");
    }

    @Test
    void jobsRunningAreCountedPerNodeAndNoneWithoutTheJobEngine() {
        ClusterOverviewComponent component = start(nodeB, "");
        assertThat(component.overview().nodes()).extracting(NodeView::jobsRunning).containsOnly(0L);

        ListedJobs jobs = new ListedJobs(List.of(job("1", JobState.IN_PROGRESS, "node-a"),
                job("2", JobState.IN_PROGRESS, "node-a"), job("3", JobState.IN_PROGRESS, "node-c"),
                job("4", JobState.PENDING, "node-b"), job("5", JobState.COMPLETED, "node-c"),
                job("6", JobState.IN_PROGRESS, null)));
        component.jobs = jobs;
        ClusterOverview overview = component.overview();
        assertThat(overview.nodes()).extracting(NodeView::name, NodeView::jobsRunning)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("node-a", 2L),
                        org.assertj.core.groups.Tuple.tuple("node-b", 0L),
                        org.assertj.core.groups.Tuple.tuple("node-c", 1L));
        assertThat(jobs.lastFilter.state()).isEqualTo(JobState.IN_PROGRESS);
    }

    @Test
    void eachNodeShowsTheUrlItPublishedUntilItStops() {
        start(nodeA, "http://127.0.0.1:8081");
        ClusterOverviewComponent b = start(nodeB, "http://127.0.0.1:8082/");
        ClusterOverviewComponent c = start(nodeC, "");

        assertThat(b.overview().nodes()).extracting(NodeView::url)
                .containsExactly("http://127.0.0.1:8081", "http://127.0.0.1:8082", null);
        assertThat(nodeA.sharedMap(NodeUrls.MAP)).containsOnlyKeys("node-a", "node-b");

        b.deactivate();
        started.remove(b);
        assertThat(nodeA.sharedMap(NodeUrls.MAP)).containsOnlyKeys("node-a");
        assertThat(node(c.overview(), "node-b").url()).isNull();
    }

    @Test
    void aStoppingNodeLeavesTheUrlOfItsNewerStartAlone() {
        ClusterOverviewComponent old = start(nodeB, "http://127.0.0.1:8082");
        start(nodeB, "http://127.0.0.1:9082");
        old.deactivate();
        started.remove(old);
        assertThat(nodeA.sharedMap(NodeUrls.MAP)).containsEntry("node-b", "http://127.0.0.1:9082");
    }

    @Test
    void withoutPublicUrlTheWebServersSettingsGiveIt() {
        ClusterOverviewComponent component = new ClusterOverviewComponent();
        component.cluster = nodeA;
        component.hosts = new ListedHosts("node-a", HOSTS);
        component.configAdmin = configAdmin(Map.of("host", "127.0.0.1", "port", "8083"));
        component.activate(TypedConfigs.of(HostsConfig.class, Map.of()));
        started.add(component);
        assertThat(node(component.overview(), "node-a").url()).isEqualTo("http://127.0.0.1:8083");
    }

    @Test
    void thePlacementPolicyInUseIsNamed() {
        ClusterOverviewComponent component = start(nodeA, "");
        assertThat(component.overview().placement()).isNull();
        component.placement = new PlacementPolicy() {
            @Override
            public String name() {
                return "most-free-capacity";
            }

            @Override
            public Optional<Placement> place(io.axion.api.placement.PlacementRequest request,
                                             List<io.axion.api.placement.HostCandidate> candidates) {
                return Optional.empty();
            }
        };
        assertThat(component.overview().placement()).isEqualTo("most-free-capacity");
    }

    private static NodeView node(ClusterOverview overview, String name) {
        return overview.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    /** Config Admin holding only {@code io.axion.web}, with these properties. */
    private static ConfigurationAdmin configAdmin(Map<String, Object> web) {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> new Hashtable<>(web);
                    case "getPid" -> "io.axion.web";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listConfigurations")) {
                        return "(service.pid=io.axion.web)".equals(args[0])
                                ? new Configuration[] {configuration} : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
