package io.axion.api.job;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one job.
 *
 * @param id             stable id, also the last segment of {@code /api/v1/jobs/{id}}
 * @param instance       the instance the job acts on (its lock {@code instance:<name>} is held while it runs);
 *                       {@code null} for a job that touches no instance
 * @param attempts       attempts started so far (a crash during an attempt counts)
 * @param error          the last error, kept when the job failed; {@code null} otherwise
 * @param startedAt      when the first attempt started
 * @param nextRunAt      when a pending job may run next (later than now while it waits for a retry)
 * @param node           the cluster member that runs (or ran) the job
 * @param idempotencyKey the caller's key: enqueueing the same key again returns this job
 * @param payload        the handler's input, a JSON object
 * @param log            one line per event of the job's life (each attempt, its error), oldest first; each line
 *                       starts with its RFC 3339 time. Only {@link JobService#find} fills it; lists leave it empty
 * @param host           the host the job acts on (only its owner runs the job); null for a job any node may run
 */
public record Job(String id, String type, String instance, JobState state, int attempts, int maxAttempts,
                  String error, Instant createdAt, Instant startedAt, Instant finishedAt, Instant nextRunAt,
                  String node, String idempotencyKey, Map<String, Object> payload, List<String> log, String host) {

    /** A job that any node may run. */
    public Job(String id, String type, String instance, JobState state, int attempts, int maxAttempts,
               String error, Instant createdAt, Instant startedAt, Instant finishedAt, Instant nextRunAt,
               String node, String idempotencyKey, Map<String, Object> payload, List<String> log) {
        this(id, type, instance, state, attempts, maxAttempts, error, createdAt, startedAt, finishedAt, nextRunAt,
                node, idempotencyKey, payload, log, null);
    }

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        payload = payload == null ? Map.of() : payload;
        log = log == null ? List.of() : List.copyOf(log);
    }

    public boolean finished() {
        return state.finished();
    }

    /**
     * The job as JSON for {@code /api/v1/jobs} and the {@code jobs} event channel: {@code {id, type, instance,
     * state, attempts, maxAttempts, error, createdAt, startedAt, finishedAt, node}} plus {@code nextRunAt} and
     * {@code host}. Times
     * are RFC 3339 UTC strings. The payload is left out on purpose: it may carry secrets such as cloud-init data.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("type", type);
        json.put("instance", instance);
        json.put("state", state.name());
        json.put("attempts", attempts);
        json.put("maxAttempts", maxAttempts);
        json.put("error", error);
        json.put("createdAt", text(createdAt));
        json.put("startedAt", text(startedAt));
        json.put("finishedAt", text(finishedAt));
        json.put("nextRunAt", state == JobState.PENDING ? text(nextRunAt) : null);
        json.put("node", node);
        json.put("host", host);
        // Shows which tick or request a job belongs to (a schedule's "schedule-snapshot:<instance>:<tick>").
        json.put("idempotencyKey", idempotencyKey);
        return json;
    }

    /** {@link #toJson()} plus the {@code log} lines. */
    public Map<String, Object> toJsonWithLog() {
        Map<String, Object> json = toJson();
        json.put("log", log);
        return json;
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
