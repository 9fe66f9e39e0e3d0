package io.axion.instances.internal;

import io.axion.api.error.NotFoundException;
import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A job queue that only records: tests finish jobs by hand. (The real engine is tested in axion-jobs.) */
final class FakeJobs implements JobService {
    final List<Job> enqueued = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Job>> finished = new ConcurrentHashMap<>();
    volatile RuntimeException failNextEnqueue;

    @Override
    @SuppressWarnings("unchecked")
    public Job enqueue(String type, String instance, Object payload, JobOptions options) {
        RuntimeException failure = failNextEnqueue;
        if (failure != null) {
            failNextEnqueue = null;
            throw failure;
        }
        Map<String, Object> map = payload instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("record", payload);
        Job job = new Job(UUID.randomUUID().toString(), type, instance, JobState.PENDING, 0, 5, null, Instant.now(),
                null, null, Instant.now(), "node-1", null, map, List.of());
        enqueued.add(job);
        finished.put(job.id(), new CompletableFuture<>());
        return job;
    }

    void finish(Job job, JobState state) {
        Job done = new Job(job.id(), job.type(), job.instance(), state, 1, 5, null, job.createdAt(), Instant.now(),
                Instant.now(), null, "node-1", null, job.payload(), List.of());
        finished.get(job.id()).complete(done);
    }

    List<Job> ofType(String type) {
        return enqueued.stream().filter(j -> j.type().equals(type)).toList();
    }

    @Override
    public Optional<Job> find(String id) {
        return enqueued.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    @Override
    public List<Job> list(JobFilter filter) {
        return List.of();
    }

    @Override
    public CompletionStage<Job> whenFinished(String id) {
        CompletableFuture<Job> future = finished.get(id);
        if (future == null) {
            return CompletableFuture.failedFuture(new NotFoundException("Job", id));
        }
        return future;
    }

    @Override
    public List<io.axion.api.job.JobCount> counts() {
        return List.of();
    }
}
