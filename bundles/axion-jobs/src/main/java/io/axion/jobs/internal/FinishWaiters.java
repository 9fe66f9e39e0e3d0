package io.axion.jobs.internal;

import io.axion.api.error.NotFoundException;
import io.axion.api.job.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/** Who waits for which job to finish ({@code JobService.whenFinished}), on whichever node the job runs. */
final class FinishWaiters {
    private final Map<String, CompletableFuture<Job>> waiters = new ConcurrentHashMap<>();

    /** A stage completed once the job finishes; at once when it has, exceptionally when there is no such job. */
    CompletionStage<Job> await(String id, Function<String, Optional<Job>> find) {
        CompletableFuture<Job> waiter = waiters.computeIfAbsent(id, k -> new CompletableFuture<>());
        Optional<Job> now = find.apply(id);
        if (now.isEmpty()) {
            waiters.remove(id, waiter);
            waiter.completeExceptionally(new NotFoundException("job", id));
        } else if (now.get().finished()) {
            waiters.remove(id, waiter);
            waiter.complete(now.get());
        }
        return waiter.minimalCompletionStage();
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    boolean awaits(String id) {
        return waiters.containsKey(id);
    }

    List<String> awaited() {
        return List.copyOf(waiters.keySet());
    }

    /** Tells whoever waits for the job that it finished; {@code job} is read only when someone does. */
    void finished(String id, Supplier<Job> job) {
        CompletableFuture<Job> waiter = waiters.remove(id);
        if (waiter != null) {
            waiter.complete(job.get());
        }
    }

    void failAll(RuntimeException why) {
        waiters.values().forEach(w -> w.completeExceptionally(why));
    }
}
