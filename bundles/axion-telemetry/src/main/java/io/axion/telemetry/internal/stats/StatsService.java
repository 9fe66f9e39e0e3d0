package io.axion.telemetry.internal.stats;

import io.axion.api.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Historical statistics, kept in tiers like an RRD (see {@link Tier}). The sampler hands every 1 s sample in
 * ({@link #record}); each series keeps its last 10 minutes of samples and one open bucket per stored tier in memory,
 * and a bucket is written only when it closes, all the buckets that closed in one sweep in one batched transaction
 * on a writer thread ({@link #flush}): 500 instances cost 50 row upserts a second at the 10 s tier and far fewer
 * above it, never a read. Time comes from an injected {@link Clock}.
 */
@Component(service = StatsService.class)
public class StatsService {
    private static final Logger LOG = LoggerFactory.getLogger(StatsService.class);
    /** Series silent this long (deleted instances) leave the store: their year is over. */
    private static final long FORGET_AFTER_SECONDS = Tier.HOUR.retention().getSeconds() + 3_600;
    /** Series silent this long leave memory (their open buckets were closed long before). */
    private static final long EVICT_AFTER_SECONDS = 2 * 3_600;

    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    private List<StatsRepository.Closed> pending = new ArrayList<>();
    private List<StatsRepository.SeriesRow> pendingSeries = new ArrayList<>();
    private StatsRepository repository;
    private Clock clock = Clock.systemUTC();
    private Executor writer;
    private ExecutorService ownWriter;
    private long lastForget;

    @Reference
    private Store store;

    public StatsService() {
    }

    /** For tests and the benchmark: a service on {@code store} whose writes run on {@code writer}. */
    public StatsService(Store store, Clock clock, Executor writer) {
        this.repository = new StatsRepository(store);
        this.clock = clock;
        this.writer = writer;
    }

    @Activate
    void activate() {
        repository = new StatsRepository(store);
        ownWriter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "axion-stats-writer");
            thread.setDaemon(true);
            return thread;
        });
        writer = ownWriter;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        ownWriter.shutdown();
        ownWriter.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * One sample of a series: {@code values[m]} for each {@link Metric} by ordinal, NaN when unknown. Called by the
     * sweeping thread; samples of one series come in time order.
     */
    public void record(SeriesKey key, long epochSecond, double[] values) {
        Series s = series.computeIfAbsent(key, Series::new);
        synchronized (s) {
            if (s.lastT == Long.MIN_VALUE) {
                queueSeries(new StatsRepository.SeriesRow(key, epochSecond));
            }
            s.lastT = epochSecond;
            s.ring.add(epochSecond, values);
            for (Tier tier : Tier.values()) {
                if (tier.inMemory()) {
                    continue;
                }
                Bucket open = s.open[tier.ordinal()];
                long start = tier.bucketStart(epochSecond);
                if (open.start() != start) {
                    close(s, tier, open);
                    open.reset(start);
                }
                open.add(values);
            }
        }
    }

    /**
     * Closes the buckets whose time is over (also of series that got no sample since: a stopped instance) and
     * writes every closed bucket in one transaction on the writer thread. Called after each sweep.
     */
    public void flush() {
        long now = clock.instant().getEpochSecond();
        for (Iterator<Series> it = series.values().iterator(); it.hasNext(); ) {
            Series s = it.next();
            synchronized (s) {
                for (Tier tier : Tier.values()) {
                    Bucket open = s.open[tier.ordinal()];
                    if (!tier.inMemory() && !open.isEmpty() && open.start() + tier.stepSeconds() <= now) {
                        close(s, tier, open);
                        open.reset(Long.MIN_VALUE);
                    }
                }
                if (s.lastT < now - EVICT_AFTER_SECONDS) {
                    it.remove();
                }
            }
        }
        List<StatsRepository.Closed> buckets;
        List<StatsRepository.SeriesRow> rows;
        synchronized (this) {
            if (pending.isEmpty() && pendingSeries.isEmpty()) {
                return;
            }
            buckets = pending;
            rows = pendingSeries;
            pending = new ArrayList<>();
            pendingSeries = new ArrayList<>();
        }
        boolean forget = now - lastForget >= 3_600;
        if (forget) {
            lastForget = now;
        }
        writer.execute(() -> {
            try {
                repository.write(buckets, rows);
                if (forget) {
                    repository.forgetSilentSince(now - FORGET_AFTER_SECONDS);
                }
            } catch (RuntimeException e) {
                LOG.warn("Writing {} statistics buckets failed: {}", buckets.size(), e.getMessage());
            }
        });
    }

    /** The points of one series in the window, at the finest tier that reaches back to {@code from}. */
    public StatsAnswer query(SeriesKey key, Metric metric, Instant from, Instant to) {
        long now = clock.instant().getEpochSecond();
        Tier tier = Tier.forSpan(now - from.getEpochSecond());
        Series local = series.get(key);
        if (tier.inMemory() && local == null) {
            tier = Tier.TEN_SECONDS; // a host sampled by another node: its 1 s samples are in that node's memory
        }
        return new StatsAnswer(metric, tier, points(key, local, tier, metric, from.getEpochSecond(),
                to.getEpochSecond(), now));
    }

    /**
     * The sum over every host (the cluster): per bucket, the sums of the hosts' minimums, averages and maximums
     * (the average is exact, min and max are the bounds the hosts' extremes allow).
     */
    public StatsAnswer queryCluster(Metric metric, Instant from, Instant to) {
        return sum(SeriesKey.Kind.HOST, name -> true, metric, from, to);
    }

    /** As {@link #queryCluster} over one tenant's instances only: the sum of its share of every host. */
    public StatsAnswer queryTenant(String tenant, Metric metric, Instant from, Instant to) {
        String prefix = tenant + "/";
        return sum(SeriesKey.Kind.TENANT_ON_HOST, name -> name.startsWith(prefix), metric, from, to);
    }

    private StatsAnswer sum(SeriesKey.Kind kind, Predicate<String> wanted, Metric metric,
                            Instant from, Instant to) {
        long now = clock.instant().getEpochSecond();
        Tier tier = Tier.forSpan(now - from.getEpochSecond());
        Set<String> names = new TreeSet<>(repository.names(kind));
        series.keySet().stream().filter(k -> k.kind() == kind).forEach(k -> names.add(k.name()));
        Map<Long, double[]> sums = new TreeMap<>();
        for (String name : names) {
            if (!wanted.test(name)) {
                continue;
            }
            SeriesKey key = new SeriesKey(kind, name);
            Series local = series.get(key);
            if (tier.inMemory() && local == null) {
                continue;
            }
            for (StatsPoint p : points(key, local, tier, metric, from.getEpochSecond(), to.getEpochSecond(), now)) {
                double[] sum = sums.computeIfAbsent(p.t(), t -> new double[3]);
                sum[0] += p.min();
                sum[1] += p.avg();
                sum[2] += p.max();
            }
        }
        List<StatsPoint> points = new ArrayList<>(sums.size());
        sums.forEach((t, sum) -> points.add(new StatsPoint(t, sum[0], sum[1], sum[2])));
        return new StatsAnswer(metric, tier, points);
    }

    private List<StatsPoint> points(SeriesKey key, Series local, Tier tier, Metric metric, long from, long to,
                                    long now) {
        long oldest = now - tier.retention().getSeconds();
        if (tier.inMemory()) {
            synchronized (local) {
                return local.ring.points(metric, from, to, oldest);
            }
        }
        long lo = Math.max(tier.bucketStart(from), tier.bucketStart(oldest));
        List<StatsPoint> points = new ArrayList<>(repository.read(key.id(), tier, metric, lo, to));
        if (local != null) {
            synchronized (local) { // the open bucket, so that the newest point is there before it closes
                Bucket open = local.open[tier.ordinal()];
                StatsPoint live = open.isEmpty() || open.start() < lo || open.start() >= to ? null : open.point(metric);
                if (live != null && (points.isEmpty() || points.get(points.size() - 1).t() < live.t())) {
                    points.add(live);
                }
            }
        }
        return points;
    }

    /** Now, by the service's clock: what relative windows ({@code -1h}) count back from. */
    public Instant now() {
        return clock.instant();
    }

    /** Samples in the series' 1 s ring (tests). */
    int secondSamples(SeriesKey key) {
        Series s = series.get(key);
        return s == null ? 0 : s.ring.size();
    }

    /** The oldest sample in the series' 1 s ring (tests). */
    long oldestSecond(SeriesKey key) {
        Series s = series.get(key);
        return s == null ? Long.MAX_VALUE : s.ring.oldest();
    }

    /** Rows of one series in one stored tier (tests, the benchmark). */
    public int storedBuckets(SeriesKey key, Tier tier) {
        return repository.count(key.id(), tier);
    }

    private void close(Series s, Tier tier, Bucket open) {
        if (open.isEmpty()) {
            return;
        }
        StatsRepository.Closed closed = new StatsRepository.Closed(s.id, tier, open.start(), open.encode());
        synchronized (this) {
            pending.add(closed);
            if (tier == Tier.HOUR) { // the series' row says when it was last heard of, to forget it a year on
                pendingSeries.add(new StatsRepository.SeriesRow(s.key, s.lastT));
            }
        }
    }

    private synchronized void queueSeries(StatsRepository.SeriesRow row) {
        pendingSeries.add(row);
    }

    /** One series' memory: its 1 s ring and its open bucket per tier. */
    private static final class Series {
        final SeriesKey key;
        final long id;
        final SecondRing ring = new SecondRing();
        final Bucket[] open = new Bucket[Tier.values().length];
        long lastT = Long.MIN_VALUE;

        Series(SeriesKey key) {
            this.key = key;
            this.id = key.id();
            for (int i = 0; i < open.length; i++) {
                open[i] = new Bucket();
            }
        }
    }
}
