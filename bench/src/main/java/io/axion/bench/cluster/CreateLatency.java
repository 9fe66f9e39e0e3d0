package io.axion.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What it costs to send a create to a node that does not own the host: creates of stopped instances on one host,
 * one at a time, alternately sent to its owner and to a non-owner (so that drift in the machine's load falls on both
 * alike), each timed from the POST to its job being COMPLETED as seen from the node it was sent to.
 */
final class CreateLatency {
    /** Short against a create's ~1 s, so polling adds little and the same to both sides. */
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(5);

    /** The figures of one side: the POST's own 202 and POST-to-COMPLETED. */
    record Side(Samples accepted, Samples completed) {
    }

    record Result(Side owner, Side nonOwner) {
        double extraMs() {
            return nonOwner.completed().medianMs() - owner.completed().medianMs();
        }
    }

    private final NodeClient owner;
    private final NodeClient nonOwner;
    private final String host;
    private final List<String> created = new ArrayList<>();

    CreateLatency(NodeClient owner, NodeClient nonOwner, String host) {
        this.owner = owner;
        this.nonOwner = nonOwner;
        this.host = host;
    }

    Result measure(int creates) throws Exception {
        long[][] accepted = {new long[(creates + 1) / 2], new long[creates / 2]};
        long[][] completed = {new long[(creates + 1) / 2], new long[creates / 2]};
        for (int i = 0; i < creates; i++) {
            int side = i % 2;
            NodeClient via = side == 0 ? owner : nonOwner;
            String name = String.format("probe-%03d", i + 1);
            long start = System.nanoTime();
            String job = via.createStopped(name, host);
            long acceptedAt = System.nanoTime();
            created.add(name);
            JsonNode done = via.awaitJob(job, POLL, JOB_DEADLINE);
            long completedAt = System.nanoTime();
            requireRunByOwner(done);
            accepted[side][i / 2] = acceptedAt - start;
            completed[side][i / 2] = completedAt - start;
        }
        return new Result(new Side(new Samples(accepted[0]), new Samples(completed[0])),
                new Side(new Samples(accepted[1]), new Samples(completed[1])));
    }

    /** Deletes what {@link #measure} made, through the owner, so the cluster is as the list measurement found it. */
    void deleteCreated() throws Exception {
        for (String name : created) {
            owner.awaitJob(owner.delete(name), Duration.ofMillis(50), JOB_DEADLINE);
        }
        System.out.printf("deleted the %d measured creates%n", created.size());
        created.clear();
    }

    /** A create sent to the non-owner must have been handed over, not run where it arrived. */
    private void requireRunByOwner(JsonNode job) {
        String ranOn = job.path("node").asText();
        String ownerName = "node-" + owner.node();
        if (!ranOn.equals(ownerName)) {
            throw new IllegalStateException("create " + job.path("instance").asText() + " on " + host + " ran on "
                    + ranOn + ", not on its owner " + ownerName);
        }
    }
}
