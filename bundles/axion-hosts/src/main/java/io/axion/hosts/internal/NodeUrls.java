package io.axion.hosts.internal;

import io.axion.api.cluster.ClusterService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every node's HTTP base URL, by node name, in the shared map {@value #MAP}: each node puts its own while it runs.
 * A killed node leaves its entry behind until it comes back and replaces it; readers only look up live members,
 * so the stale entry is never shown.
 */
final class NodeUrls {
    static final String MAP = "axion-node-urls";

    private final ConcurrentMap<String, String> urls;
    private String publishedNode;
    private String publishedUrl;

    NodeUrls(ClusterService cluster) {
        this.urls = sharedOrLocal(cluster);
    }

    synchronized void publish(String node, String url) {
        urls.put(node, url);
        publishedNode = node;
        publishedUrl = url;
    }

    /** Takes back what {@link #publish} put, unless a newer start of the same node replaced it meanwhile. */
    synchronized void withdraw() {
        if (publishedNode != null) {
            urls.remove(publishedNode, publishedUrl);
            publishedNode = null;
            publishedUrl = null;
        }
    }

    /** A copy, so that an overview reads the shared map once rather than once per node. */
    Map<String, String> all() {
        return new HashMap<>(urls);
    }

    private static ConcurrentMap<String, String> sharedOrLocal(ClusterService cluster) {
        try {
            return cluster.sharedMap(MAP);
        } catch (UnsupportedOperationException e) {
            // A cluster service without shared maps is a single member: its own URL is all there is to know.
            return new ConcurrentHashMap<>();
        }
    }
}
