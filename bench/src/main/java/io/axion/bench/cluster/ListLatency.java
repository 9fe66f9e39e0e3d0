package io.axion.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/instances} on one node, one request at a time on a kept connection. Only the request is on the
 * clock; every answer is then parsed and must hold every instance of the cluster, so a node that served a partial
 * view could not pass for a fast one.
 */
final class ListLatency {
    private final NodeClient node;
    private final int expected;

    ListLatency(NodeClient node, int expected) {
        this.node = node;
        this.expected = expected;
    }

    Samples measure(int warmup, int requests) throws Exception {
        for (int i = 0; i < warmup; i++) {
            check(node.listInstances());
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = node.listInstances();
            nanos[i] = System.nanoTime() - start;
            check(response);
        }
        return new Samples(nanos);
    }

    /** How many instances each host has, as this node lists them. */
    Map<String, Integer> perHost() throws Exception {
        Map<String, Integer> hosts = new TreeMap<>();
        for (JsonNode instance : NodeClient.JSON.readTree(node.listInstances().body())) {
            hosts.merge(instance.path("host").asText(), 1, Integer::sum);
        }
        return hosts;
    }

    /**
     * Waits until the node lists every instance: its view of the other nodes' hosts is fed by the cluster and may
     * trail the last job's completion by a moment.
     */
    void awaitComplete(long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int listed;
        while ((listed = count(node.listInstances())) != expected) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("node " + node.node() + " lists " + listed + " instances, expected "
                        + expected);
            }
            Thread.sleep(200);
        }
    }

    private void check(HttpResponse<byte[]> response) throws Exception {
        int listed = count(response);
        if (listed != expected) {
            throw new IllegalStateException("node " + node.node() + " listed " + listed + " instances, expected "
                    + expected);
        }
    }

    private static int count(HttpResponse<byte[]> response) throws Exception {
        return NodeClient.JSON.readTree(response.body()).size();
    }
}
