package io.axion.api.host;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The control plane at a glance, as one node sees it now: every live node with the hosts it owns and the jobs it
 * runs, and every host. {@link #toJson()} is the shape of {@code GET /api/v1/cluster}.
 *
 * @param node      the name of the node that answers
 * @param placement the name of the placement policy in use; null while none is registered
 * @param nodes     the live nodes, sorted by name
 * @param hosts     every host, sorted by name
 */
public record ClusterOverview(String node, String placement, List<NodeView> nodes, List<Host> hosts) {

    public ClusterOverview {
        nodes = List.copyOf(nodes);
        hosts = List.copyOf(hosts);
    }

    /**
     * One live node of the control plane.
     *
     * @param address     where its cluster port listens
     * @param url         its HTTP base URL ({@code http://127.0.0.1:8082}), as it published it; null when it did
     *                    not (a client that lost its node fails over to another one's URL)
     * @param state       {@link #UP}: a node that left is no member, so it is not listed at all
     * @param since       when it joined, as the answering node saw it; null when unknown
     * @param local       whether it is the node that answers
     * @param hosts       the names of the hosts it owns, sorted
     * @param jobsRunning how many jobs it runs now
     */
    public record NodeView(String name, String address, String url, String state, Instant since, boolean local,
                           List<String> hosts, long jobsRunning) {
        public static final String UP = "up";

        public NodeView {
            Objects.requireNonNull(name, "name");
            hosts = List.copyOf(hosts);
        }
    }

    /** The shape of {@code GET /api/v1/cluster}; {@code url} came last, after the fields clients already read. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("node", node);
        json.put("placement", placement);
        json.put("nodes", nodes.stream().map(ClusterOverview::nodeJson).toList());
        json.put("hosts", hosts.stream().map(ClusterOverview::hostJson).toList());
        return json;
    }

    private static Map<String, Object> nodeJson(NodeView node) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", node.name());
        json.put("address", node.address());
        json.put("state", node.state());
        json.put("since", node.since() == null ? null : node.since().toString());
        json.put("local", node.local());
        json.put("hosts", node.hosts());
        json.put("jobsRunning", node.jobsRunning());
        json.put("url", node.url());
        return json;
    }

    /** A host as the cluster view shows it to every reader: {@link Host#toJson()} without its endpoint. */
    public static Map<String, Object> hostJson(Host host) {
        Map<String, Object> full = host.toJson();
        Map<String, Object> json = new LinkedHashMap<>();
        for (String key : List.of("name", "owner", "state", "since", "home", "capacity", "allocated")) {
            json.put(key, full.get(key));
        }
        return json;
    }
}
