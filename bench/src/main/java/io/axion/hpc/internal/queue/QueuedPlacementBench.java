package io.axion.hpc.internal.queue;

import io.axion.api.host.HostCapacity;
import io.axion.api.instance.CreateInstance;
import io.axion.api.job.Job;
import io.axion.api.job.JobState;
import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.PlacementRequest;
import io.axion.api.quota.QuotaExceededException;
import io.axion.hpc.internal.HpcScheduler;
import io.axion.hpc.internal.InMemoryLedger;
import io.axion.hpc.internal.StoreLedger;
import io.axion.hpc.internal.topology.HostTopology;
import io.axion.store.internal.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Placement decisions per second for {@code bench.requests} QUEUED dedicated creates over {@code bench.hosts}
 * simulated hosts (2 sockets x 32 threads, 2 NUMA nodes): the creates wait in the queue (from 20 owners, priorities
 * 0-2), then one dispatch pass orders them (priority, fair share, age) and places each. In memory: the queue order
 * and the decisions over an in-memory ledger. SQLite: the real path — {@link QueueDispatcher} over {@link QueueStore}
 * (the waiting rows read once, each entry marked started in its own exclusive transaction) with the pins in
 * {@link StoreLedger}. Lives in the queue's package to reach its package-private classes. Target: 500/s.
 */
public final class QueuedPlacementBench {
    private static final String[] NUMA = {"strict", "preferred", "none"};

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 1000);
        int hostCount = Integer.getInteger("bench.hosts", 50);
        Map<String, HostTopology> topologies = new HashMap<>();
        List<HostCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            String name = "sim-" + i;
            topologies.put(name, HostTopology.synthetic(name, 2, 32, 2, 0, 256L << 30));
            candidates.add(new HostCandidate(name, true, new HostCapacity(64, 262144, 0), new HostCapacity(0, 0, 0)));
        }
        List<CreateInstance> creates = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            creates.add(new CreateInstance("q" + i, "bench", 1 + i % 2, 1024, null, null, false, null, "dedicated",
                    NUMA[i % 3], null, true, i % 3, null, null));
        }
        inMemory(creates, topologies::get, candidates);
        Path dir = Files.createTempDirectory("hpc-queue-bench");
        try (SqliteStore store = new SqliteStore(dir.resolve("axion.db"))) {
            QueueStore queue = new QueueStore(store, Clock.systemUTC());
            for (int i = 0; i < creates.size(); i++) {
                queue.add(creates.get(i), "owner-" + i % 20);
            }
            Placing placing = new Placing(new HpcScheduler(topologies::get, new StoreLedger(store)), candidates);
            long start = System.nanoTime();
            int started = new QueueDispatcher(queue, placing::create).dispatch();
            report("SQLite store, QueueDispatcher", requests, hostCount, started, System.nanoTime() - start);
        }
    }

    private static void inMemory(List<CreateInstance> creates, Function<String, HostTopology> topologies,
                                 List<HostCandidate> candidates) {
        List<QueueEntry> waiting = new ArrayList<>(creates.size());
        Instant base = Instant.now();
        for (int i = 0; i < creates.size(); i++) {
            waiting.add(new QueueEntry(UUID.randomUUID().toString(), "owner-" + i % 20, creates.get(i),
                    base.plusMillis(i), i, "queued", null, null));
        }
        Placing placing = new Placing(new HpcScheduler(topologies, new InMemoryLedger()), candidates);
        long start = System.nanoTime();
        int started = 0;
        for (QueueEntry entry : QueueOrder.of(waiting)) {
            try {
                placing.create(entry.request());
                started++;
            } catch (QuotaExceededException full) {
                break;
            }
        }
        report("in memory, queue order + decisions", creates.size(), candidates.size(), started,
                System.nanoTime() - start);
    }

    private static void report(String what, int requests, int hosts, int started, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("hpc queued placement (%s): %d queued requests over %d hosts, %d started, %.2f s, "
                + "%.0f decisions/s (target >= 500/s)%n", what, requests, hosts, started, seconds, started / seconds);
    }

    /** The instance service's part, reduced: place, count the allocation, hand back a job (or no room). */
    private static final class Placing {
        private final HpcScheduler scheduler;
        private final List<HostCandidate> current;

        Placing(HpcScheduler scheduler, List<HostCandidate> candidates) {
            this.scheduler = scheduler;
            this.current = new ArrayList<>(candidates);
        }

        Job create(CreateInstance request) {
            PlacementRequest placement = new PlacementRequest(request.name(), "bench", request.cpu(),
                    request.memoryMiB(), null, null, request.schedulingOptions());
            String host = scheduler.place(placement, current).orElseThrow(() -> new QuotaExceededException("full"))
                    .host();
            for (int i = 0; i < current.size(); i++) {
                HostCandidate c = current.get(i);
                if (c.name().equals(host)) {
                    current.set(i, new HostCandidate(c.name(), true, c.capacity(), c.allocated()
                            .plus(new HostCapacity(request.cpu(), request.memoryMiB(), 1))));
                }
            }
            return new Job(UUID.randomUUID().toString(), "instance.create", request.name(), JobState.PENDING, 0, 1,
                    null, Instant.now(), null, null, null, null, null, Map.of(), List.of());
        }
    }
}
