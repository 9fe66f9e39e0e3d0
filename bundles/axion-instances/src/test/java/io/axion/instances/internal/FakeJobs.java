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
        Map<String, Object> map = payload instanceof Map<?, ?> m ? (Map<String, Object>) m : asMap((Record) payload);
        Job job = new Job(UUID.randomUUID().toString(), type, instance, JobState.PENDING, 0, 5, null, Instant.now(),
                null, null, Instant.now(), "node-1", null, map, List.of(), options == null ? null : options.host());
        enqueued.add(job);
        finished.put(job.id(), new CompletableFuture<>());
        return job;
    }

    /** A record as the engine stores it: a JSON object of its components. */
    private static Map<String, Object> asMap(Record record) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (var component : record.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(record);
                if (value != null) {
                    map.put(component.getName(), value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return map;
    }

    void finish(Job job, JobState state) {
        Job done = new Job(job.id(), job.type(), job.instance(), state, 1, 5, null, job.createdAt(), Instant.now(),
                Instant.now(), null, "node-1", null, job.payload(), List.of(), job.host());
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
        return enqueued.stream().filter(j -> filter.state() == null || j.state() == filter.state()).toList();
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
