package io.axion.jobs.internal;

import static io.axion.jobs.internal.EngineHarness.FAST;
import static io.axion.jobs.internal.EngineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobResult;
import io.axion.api.job.JobState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: 1,000 jobs over 50 instances with 8 workers, never two at once on one instance, all COMPLETED. */
class ManyInstancesTest {
    private static final int JOBS = 1_000;
    private static final int INSTANCES = 50;

    @TempDir
    Path dir;
    EngineHarness harness;

    @BeforeEach
    void open() {
        harness = new EngineHarness(dir);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void neverRunsTwoJobsOfOneInstanceAtOnce() throws Exception {
        JobEngine engine = harness.started(FAST.withWorkers(8));
        Set<String> busy = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger withoutLock = new AtomicInteger();
        AtomicInteger maxParallel = new AtomicInteger();
        Map<String, List<Integer>> order = new ConcurrentHashMap<>();
        engine.addHandler("touch", ctx -> {
            String instance = ctx.instance();
            if (!busy.add(instance)) {
                overlaps.incrementAndGet();
            }
            maxParallel.accumulateAndGet(busy.size(), Math::max);
            if (!harness.cluster.table().isHeld("instance:" + instance)) {
                withoutLock.incrementAndGet();
            }
            order.computeIfAbsent(instance, k -> new CopyOnWriteArrayList<>())
                    .add(((Number) ctx.payload().get("n")).intValue());
            LockSupport.parkNanos(200_000); // the "work": long enough for overlaps to show if the engine allowed them
            busy.remove(instance);
            return JobResult.ok();
        });

        // Four threads enqueue at once, as concurrent API requests would.
        ExecutorService producers = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> batches = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int producer = p;
            batches.add(producers.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = producer; i < JOBS; i += 4) {
                    ids.add(engine.enqueue("touch", "inst-" + (i % INSTANCES), Map.of("n", i)).id());
                }
                return ids;
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<List<String>> batch : batches) {
            ids.addAll(batch.get());
        }
        producers.shutdown();

        await().until(() -> countCompleted(engine) == JOBS);

        assertThat(overlaps).hasValue(0);
        assertThat(withoutLock).hasValue(0);
        assertThat(maxParallel.get()).isGreaterThan(1);
        assertThat(ids).doesNotHaveDuplicates().hasSize(JOBS);
        for (String id : ids.subList(0, 20)) {
            Job job = engine.find(id).orElseThrow();
            assertThat(job.state()).isEqualTo(JobState.COMPLETED);
            assertThat(job.attempts()).isEqualTo(1);
        }
        // Each producer enqueued its jobs of one instance in increasing n: those ran in that order.
        order.forEach((instance, ns) -> {
            for (int p = 0; p < 4; p++) {
                int producer = p;
                assertThat(ns.stream().filter(n -> n % 4 == producer).toList()).isSorted();
            }
        });
        assertThat(order.values().stream().mapToInt(List::size).sum()).isEqualTo(JOBS);
    }

    private static int countCompleted(JobEngine engine) {
        return engine.list(JobFilter.newest(JobFilter.MAX_LIMIT).withState(JobState.COMPLETED)).size();
    }
}
