package io.axion.bench.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates stopped instances on one host through its owner node, {@value #IN_FLIGHT} at a time: as many as the job
 * engine runs at once, so the queue never holds hundreds of jobs that would only wait.
 */
final class HostFiller {
    private static final int IN_FLIGHT = 8;
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(10);

    private HostFiller() {
    }

    /** Names {@code prefix-001} onwards; returns when every create has COMPLETED. */
    static void fill(NodeClient owner, String host, String prefix, int count) throws Exception {
        if (count == 0) {
            return;
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<?>> creates = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String name = String.format("%s-%03d", prefix, i);
                creates.add(pool.submit(() -> {
                    owner.awaitJob(owner.createStopped(name, host), Duration.ofMillis(100), JOB_DEADLINE);
                    int finished = done.incrementAndGet();
                    if (finished % 50 == 0 || finished == count) {
                        System.out.printf("  %s: %d of %d created%n", host, finished, count);
                    }
                    return null;
                }));
            }
            for (Future<?> create : creates) {
                create.get(JOB_DEADLINE.toMinutes() * 2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow(); // its threads would otherwise keep the JVM alive after a failure
        }
    }
}
