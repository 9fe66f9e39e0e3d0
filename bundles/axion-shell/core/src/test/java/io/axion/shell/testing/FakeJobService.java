package io.axion.shell.testing;

import io.axion.api.error.NotFoundException;
import io.axion.api.job.Job;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Jobs in memory; a test finishes them with {@link #finish}. The last filter asked for is kept. */
public class FakeJobService implements JobService {
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Job>> finished = new ConcurrentHashMap<>();
    private Instant clock = Instant.parse("2026-11-27T10:00:00Z");
    private int next = 1;
    public JobFilter lastFilter;

    @Override
    public synchronized Job enqueue(String type, String instance, Object payload, JobOptions options) {
        clock = clock.plusSeconds(1);
        Job job = new Job("job-" + next++, type, instance, JobState.PENDING, 0, 5, null, clock, null, null, clock,
                "node-a", null, Map.of(), List.of());
        jobs.put(job.id(), job);
        finished.put(job.id(), new CompletableFuture<>());
        return job;
    }

    /** Adds a job as it is after running, with a log. */
    public synchronized Job add(String type, String instance, JobState state, String error) {
        Job pending = enqueue(type, instance, null, JobOptions.defaults());
        return finish(pending.id(), state, error);
    }

    public synchronized Job finish(String id, JobState state, String error) {
        Job old = jobs.get(id);
        Instant started = old.createdAt().plusMillis(100);
        Job done = new Job(id, old.type(), old.instance(), state, 1, old.maxAttempts(), error, old.createdAt(),
                started, state.finished() ? started.plusMillis(200) : null, null, old.node(), null, Map.of(),
                List.of(started + " attempt 1 started", started.plusMillis(200) + " attempt 1 " + state));
        jobs.put(id, done);
        if (state.finished()) {
            finished.get(id).complete(done);
        }
        return done;
    }

    @Override
    public synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized List<Job> list(JobFilter filter) {
        lastFilter = filter;
        List<Job> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparing(Job::createdAt).reversed());
        return all.stream()
                .filter(j -> filter.instance() == null || filter.instance().equals(j.instance()))
                .filter(j -> filter.state() == null || filter.state() == j.state())
                .limit(filter.limit())
                .map(j -> new Job(j.id(), j.type(), j.instance(), j.state(), j.attempts(), j.maxAttempts(),
                        j.error(), j.createdAt(), j.startedAt(), j.finishedAt(), j.nextRunAt(), j.node(), null,
                        Map.of(), List.of()))
                .toList();
    }

    @Override
    public CompletionStage<Job> whenFinished(String id) {
        CompletableFuture<Job> future = finished.get(id);
        return future != null ? future : CompletableFuture.failedFuture(new NotFoundException("job", id));
    }
}
