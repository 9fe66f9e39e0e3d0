package io.axion.snapshot.internal;

import io.axion.api.job.Job;
import io.axion.api.job.JobContext;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Small in-memory stand-ins for the job engine. */
final class Fakes {

    private Fakes() {
    }

    /** Keeps enqueued jobs; a test moves them through states itself. */
    static final class Jobs implements JobService {
        final List<Job> jobs = new CopyOnWriteArrayList<>();

        @Override
        public List<io.axion.api.job.JobCount> counts() {
            return List.of();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Job enqueue(String type, String instance, Object payload, JobOptions options) {
            Job job = job("job-" + (jobs.size() + 1), type, instance, (Map<String, Object>) payload, JobState.PENDING);
            jobs.add(job);
            return job;
        }

        void finishAll() {
            jobs.replaceAll(j -> job(j.id(), j.type(), j.instance(), j.payload(), JobState.COMPLETED));
        }

        @Override
        public Optional<Job> find(String id) {
            return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
        }

        @Override
        public List<Job> list(JobFilter filter) {
            return jobs.stream()
                    .filter(j -> filter.instance() == null || filter.instance().equals(j.instance()))
                    .filter(j -> filter.state() == null || filter.state() == j.state())
                    .limit(filter.limit()).toList();
        }

        @Override
        public CompletionStage<Job> whenFinished(String id) {
            throw new UnsupportedOperationException();
        }
    }

    static Job job(String id, String type, String instance, Map<String, Object> payload, JobState state) {
        return new Job(id, type, instance, state, 1, 5, null, Instant.EPOCH, null, null, Instant.EPOCH, "node-a",
                null, payload, List.of());
    }

    /** One attempt of a job. */
    static JobContext context(String type, String instance, Map<String, Object> payload) {
        Job job = job("job-1", type, instance, payload, JobState.IN_PROGRESS);
        List<String> log = new ArrayList<>();
        return new JobContext() {
            @Override
            public Job job() {
                return job;
            }

            @Override
            public <T> T payload(Class<T> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void log(String message) {
                log.add(message);
            }

            @Override
            public boolean stopRequested() {
                return false;
            }
        };
    }
}
