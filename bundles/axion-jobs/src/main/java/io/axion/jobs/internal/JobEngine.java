package io.axion.jobs.internal;

import io.axion.api.cluster.ClusterService;
import io.axion.api.error.ValidationException;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventBus;
import io.axion.api.event.EventChannels;
import io.axion.api.job.Job;
import io.axion.api.job.JobEvents;
import io.axion.api.job.JobCount;
import io.axion.api.job.JobFilter;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobOptions;
import io.axion.api.job.JobService;
import io.axion.api.job.JobState;
import io.axion.api.store.Store;
import io.axion.api.store.StoreException;
import io.axion.jobs.internal.JobRepository.Inserted;
import io.axion.jobs.internal.JobRepository.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job engine, usable without OSGi (tests, the benchmark); {@link JobsComponent} runs it as a DS component.
 * Enqueues and state changes are group-committed by {@link GroupCommitWriter}; the {@link Dispatcher} hands ready
 * jobs to the workers; {@link LostJobs} takes back jobs whose worker died; the only timer work is delayed retries,
 * lease renewal, recovery and pruning.
 */
public final class JobEngine implements JobService {
    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

    private final Store store;
    private final ClusterService cluster;
    private final Supplier<EventBus> bus;
    private final EngineSettings settings;
    // Millisecond ticks: the store keeps milliseconds, so a job in memory equals the job read back.
    private final Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);
    private final PayloadCodec payloads = new PayloadCodec();
    private final JobRepository repository;
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final FinishWaiters waiters = new FinishWaiters();
    private final String node;
    private final String leaseOwner;
    private final HostShare share;

    private ScheduledThreadPoolExecutor timer;
    private ExecutorService notifier;
    private ExecutorService releaser;
    private ExecutorService workers;
    private GroupCommitWriter writer;
    private volatile Dispatcher dispatcher;
    private LeaseKeeper leases;
    private LostJobs lostJobs;
    private volatile boolean stopping;

    public JobEngine(Store store, ClusterService cluster, Supplier<EventBus> bus, EngineSettings settings) {
        this.store = store;
        this.cluster = cluster;
        this.bus = bus;
        this.settings = settings;
        this.repository = new JobRepository(payloads, store.dialect());
        this.node = cluster.localNodeId();
        // A fresh owner per start: leases of an earlier run of this node are recognised as dead ones.
        this.leaseOwner = node + "/" + UUID.randomUUID();
        this.share = new HostShare(cluster, node, leaseOwner);
    }

    public synchronized void start() {
        store.migrate("jobs", JobEngine.class, "db/jobs");
        timer = new ScheduledThreadPoolExecutor(1, threads("axion-jobs-timer"));
        timer.setRemoveOnCancelPolicy(true);
        notifier = Executors.newSingleThreadExecutor(threads("axion-jobs-events"));
        releaser = Executors.newSingleThreadExecutor(threads("axion-jobs-release"));
        writer = new GroupCommitWriter(store.dataSource(), "axion-jobs-writer");
        leases = new LeaseKeeper(cluster, writer, repository, settings.lease(), leaseOwner, clock);
        lostJobs = new LostJobs(writer, repository, share, node, leaseOwner, clock, this::changed);
        Dispatcher lanes = new Dispatcher(handlers::has, share::runs, timer, clock);
        long earliestForeignLease = lostJobs.load(lanes, read(c -> repository.unfinishedOf(c, share.hosts(), true)));
        dispatcher = lanes;

        if (earliestForeignLease > 0) {
            // Jobs a dead engine was running: those of this node's earlier run go back to the queue now, the
            // others as soon as their lease runs out rather than a whole recovery period later.
            timer.execute(guard("recovery", this::recoverLostJobs));
            timer.schedule(guard("recovery", this::recoverLostJobs), earliestForeignLease - clock.millis() + 1,
                    TimeUnit.MILLISECONDS);
        }
        long renew = Math.max(1, settings.renewInterval().toMillis());
        timer.scheduleWithFixedDelay(guard("lease renewal", leases::renewAll), renew, renew, TimeUnit.MILLISECONDS);
        long recovery = settings.recoveryInterval().toMillis();
        timer.scheduleWithFixedDelay(guard("recovery", this::recoverLostJobs), recovery, recovery,
                TimeUnit.MILLISECONDS);
        long sweep = Math.max(100, settings.sweepInterval().toMillis());
        timer.scheduleWithFixedDelay(guard("sweep", this::sweep), sweep, sweep, TimeUnit.MILLISECONDS);
        long prune = settings.pruneInterval().toMillis();
        timer.scheduleWithFixedDelay(guard("pruning", this::pruneAsync), prune, prune, TimeUnit.MILLISECONDS);

        Worker.Parts parts = new Worker.Parts(settings, clock, node, leaseOwner, cluster, writer, repository,
                lanes, handlers, payloads, leases, this::changed, releaser, () -> stopping);
        workers = Executors.newFixedThreadPool(settings.workers(), threads("axion-jobs-worker"));
        for (int i = 0; i < settings.workers(); i++) {
            workers.execute(new Worker(parts));
        }
        LOG.info("Job engine started on {} with {} worker(s); {} unfinished job(s) loaded", node,
                settings.workers(), lanes.size());
    }

    /** Lets running handlers finish (up to the grace period), then commits what is queued and stops. */
    public synchronized void stop() {
        if (dispatcher == null) {
            return;
        }
        stopping = true;
        dispatcher.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} job(s) still running at shutdown: interrupting them", leases.size());
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        writer.close();
        releaser.shutdown();
        notifier.shutdown();
        try {
            releaser.awaitTermination(5, TimeUnit.SECONDS);
            notifier.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiters.failAll(new IllegalStateException("The job engine stopped"));
        dispatcher = null;
        LOG.info("Job engine stopped");
    }

    public void addHandler(String type, JobHandler handler) {
        if (handlers.add(type, handler)) {
            Dispatcher lanes = dispatcher;
            if (lanes != null) {
                lanes.handlerAdded(type);
            }
        }
    }

    public void removeHandler(String type, JobHandler handler) {
        handlers.remove(type, handler);
    }

    /** This node now owns {@code host}: its unfinished jobs run here, those a dead node held once it is seen gone. */
    public void hostAcquired(String host) {
        if (share.add(host)) {
            timer.execute(guard("loading host " + host, () -> {
                Dispatcher lanes = running();
                lostJobs.load(lanes, read(c -> repository.unfinishedOf(c, Set.of(host), false)));
                recoverLostJobs();
            }));
        }
    }

    /** This node gave {@code host} up: its jobs no longer start here (a running one finishes first). */
    public void hostReleased(String host) {
        if (share.remove(host)) {
            Dispatcher lanes = dispatcher;
            if (lanes != null) {
                lanes.hostDropped();
            }
        }
    }

    /**
     * A job changed on some node (the {@code jobs} channel): a new job of a host this engine runs is loaded, one
     * that finished elsewhere is forgotten, and whoever waits for it here is told.
     */
    public void jobChanged(Map<String, Object> json) {
        Object id = json.get("id");
        Object state = json.get("state");
        Object host = json.get("host");
        if (!(id instanceof String jobId) || !(state instanceof String name) || stopping) {
            return;
        }
        // This engine's own changes need nothing: it knows them, and completed its waiters itself.
        boolean elsewhere = !node.equals(json.get("node"));
        boolean ours = share.runs(host instanceof String h ? h : null);
        boolean finished = JobState.valueOf(name).finished();
        boolean wanted = finished ? elsewhere && (ours || waiters.awaits(jobId))
                : elsewhere && ours && JobState.PENDING.name().equals(name);
        if (!wanted) {
            return;
        }
        notifier.execute(guard("job " + jobId, () -> read(c -> repository.findRow(c, jobId)).ifPresent(row -> {
            Dispatcher lanes = running();
            if (row.job().finished()) {
                lanes.finishedElsewhere(row);
                waiters.finished(jobId, () -> find(jobId).orElse(row.job()));
            } else if (row.job().state() == JobState.PENDING) {
                lanes.putIfAbsent(row.asReadBack());
            }
        })));
    }

    /** Finds what announcements missed: the hosts' unfinished jobs, and jobs waited for that finished. */
    private void sweep() {
        Dispatcher lanes = running();
        long readStarted = System.nanoTime();
        List<Row> unfinished = read(c -> repository.unfinishedOf(c, share.hosts(), true));
        lanes.forgetFinished(unfinished.stream().map(Row::seq).collect(java.util.stream.Collectors.toSet()),
                readStarted);
        lostJobs.load(lanes, unfinished);
        recoverLostJobs();
        for (String id : waiters.awaited()) {
            find(id).filter(Job::finished).ifPresent(job -> waiters.finished(id, () -> job));
        }
    }

    @Override
    public Job enqueue(String type, String instance, Object payload, JobOptions options) {
        if (type == null || type.isBlank()) {
            throw new ValidationException("type", "must not be blank");
        }
        if (instance != null && instance.isBlank()) {
            throw new ValidationException("instance", "must not be blank (use null for a job without instance)");
        }
        JobOptions opts = options == null ? JobOptions.defaults() : options;
        // Serialised once for the store and read back for the handler: both see exactly the same JSON.
        String payloadJson = payloads.toJson(payload);
        Map<String, Object> body = payloads.read(payloadJson);
        Instant now = clock.instant();
        int maxAttempts = opts.maxAttempts() == 0 ? settings.defaultMaxAttempts() : opts.maxAttempts();
        String key = opts.idempotencyKey() == null || opts.idempotencyKey().isBlank() ? null : opts.idempotencyKey();
        Job job = new Job(UUID.randomUUID().toString(), type, instance, JobState.PENDING, 0, maxAttempts, null, now,
                null, null, now.plus(opts.delay()), node, key, body, List.of(), opts.host());
        Dispatcher lanes = running();
        Inserted inserted = await(writer.submit(tx -> repository.insert(tx, job, payloadJson), done -> {
            if (done.created()) {
                // Another node's job is announced by the event: its engine loads it from the store.
                if (share.runs(job.host())) {
                    lanes.put(done.row());
                }
                changed(done.row().job());
            }
        }));
        return inserted.row().job();
    }

    @Override
    public Optional<Job> find(String id) {
        return read(connection -> repository.find(connection, id));
    }

    @Override
    public List<Job> list(JobFilter filter) {
        return read(connection -> repository.list(connection, filter));
    }

    @Override
    public List<JobCount> counts() {
        return read(repository::counts);
    }

    @Override
    public CompletionStage<Job> whenFinished(String id) {
        return waiters.await(id, this::find);
    }

    /** Deletes jobs that finished longer ago than the configured age; returns how many. */
    public int prune() {
        return await(pruneAsync());
    }

    /**
     * Puts jobs whose worker died back in the queue (or fails those without attempts left): jobs whose lease ran
     * out, and jobs of an earlier run of this node. Completes with how many.
     */
    public CompletableFuture<Integer> recoverLostJobs() {
        return lostJobs.recover(running());
    }

    /** The node id this engine records on the jobs it runs. */
    public String node() {
        return node;
    }

    /** Batches and writes committed so far, for the benchmark. */
    public long[] writerCounters() {
        return writer.counters();
    }

    private CompletableFuture<Integer> pruneAsync() {
        Instant cutoff = clock.instant().minus(settings.pruneAfter());
        return writer.submit(tx -> repository.pruneFinishedBefore(tx, cutoff), count -> {
            if (count > 0) {
                LOG.info("Pruned {} job(s) finished before {}", count, cutoff);
            }
        });
    }

    /** After a commit, on the writer thread: hand the news to the notifier thread, keeping their order. */
    private void changed(Job job) {
        EventBus events = bus.get();
        boolean awaited = job.finished() && !waiters.isEmpty();
        if (events == null && !awaited) {
            return;
        }
        notifier.execute(() -> {
            if (events != null) {
                try {
                    events.publish(AxionEvent.of(EventChannels.JOBS, JobEvents.JOB_UPDATED, job.toJson()));
                } catch (RuntimeException e) {
                    LOG.warn("Publishing the update of job {} failed", job.id(), e);
                }
            }
            if (awaited) {
                waiters.finished(job.id(), () -> find(job.id()).orElse(job));
            }
        });
    }

    private Dispatcher running() {
        Dispatcher lanes = dispatcher;
        if (lanes == null || stopping) {
            throw new IllegalStateException("The job engine is not running");
        }
        return lanes;
    }

    private <T> T read(Store.SqlFunction<Connection, T> query) {
        try (Connection connection = store.dataSource().getConnection()) {
            return query.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("Reading jobs failed: " + e.getMessage(), e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A timer task that logs its failure instead of dying, and does nothing once the engine stops. */
    private Runnable guard(String what, Runnable task) {
        return () -> {
            if (stopping) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.warn("Job engine {} failed", what, e);
                }
            }
        };
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
