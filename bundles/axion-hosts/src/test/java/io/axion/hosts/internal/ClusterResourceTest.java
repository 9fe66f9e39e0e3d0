package io.axion.hosts.internal;

import static io.axion.hosts.internal.ClusterTestFakes.T;
import static io.axion.hosts.internal.ClusterTestFakes.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.host.ClusterOverview;
import io.axion.api.host.ClusterOverview.NodeView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of {@code GET /api/v1/cluster}: the fields and their order clients read, plus each node's url. */
class ClusterResourceTest {
    final ClusterOverview overview = new ClusterOverview("node-a", "most-free-capacity",
            List.of(new NodeView("node-a", "127.0.0.1:5701", "http://127.0.0.1:8081", NodeView.UP, T, true,
                    List.of("lxd-1"), 3), new NodeView("node-b", "127.0.0.1:5702", null, NodeView.UP, null, false,
                    List.of(), 0)),
            List.of(host("lxd-1", "node-a")));

    Map<String, Object> get() {
        ClusterResource resource = new ClusterResource();
        resource.overview = () -> overview;
        return resource.get();
    }

    @Test
    void theTopLevelIsTheAnsweringNodeThePlacementTheNodesAndTheHosts() {
        assertThat(get()).containsOnlyKeys("node", "placement", "nodes", "hosts")
                .containsEntry("node", "node-a").containsEntry("placement", "most-free-capacity");
        assertThat(get().keySet()).containsExactly("node", "placement", "nodes", "hosts");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNodeKeepsItsFieldsInOrderWithTheUrlLast() {
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) get().get("nodes");
        assertThat(nodes.get(0).keySet())
                .containsExactly("name", "address", "state", "since", "local", "hosts", "jobsRunning", "url");
        assertThat(nodes.get(0)).containsEntry("name", "node-a").containsEntry("address", "127.0.0.1:5701")
                .containsEntry("state", "up").containsEntry("since", "2026-11-27T10:00:00Z")
                .containsEntry("local", true).containsEntry("hosts", List.of("lxd-1"))
                .containsEntry("jobsRunning", 3L).containsEntry("url", "http://127.0.0.1:8081");
        assertThat(nodes.get(1)).containsEntry("since", null).containsEntry("url", null)
                .containsEntry("local", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHostShowsItsOwnerStateAndFiguresButNotItsEndpoint() {
        Map<String, Object> host = ((List<Map<String, Object>>) get().get("hosts")).get(0);
        assertThat(host.keySet())
                .containsExactly("name", "owner", "state", "since", "home", "capacity", "allocated");
        assertThat(host).containsEntry("owner", "node-a").containsEntry("state", "online")
                .containsEntry("home", "node-a").containsEntry("since", "2026-11-27T10:00:00Z");
        assertThat((Map<String, Object>) host.get("capacity")).containsEntry("cpu", 8L)
                .containsEntry("memoryMiB", 16384L).doesNotContainKey("instances");
        assertThat((Map<String, Object>) host.get("allocated")).containsEntry("cpu", 2L)
                .containsEntry("memoryMiB", 1024L).containsEntry("instances", 1);
    }
}
