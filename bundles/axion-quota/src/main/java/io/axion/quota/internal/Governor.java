package io.axion.quota.internal;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.error.ServiceUnavailableException;
import io.axion.api.error.ValidationException;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaAmount;
import io.axion.api.quota.QuotaExceededException;
import io.axion.api.quota.QuotaService;
import io.axion.api.quota.Reservation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The quota governor's logic. Every check-and-reserve runs under a local fair lock (threads of this member queue
 * without spinning) and then the cluster-wide lock {@code quota} (members take turns); the reservations it compares
 * against sit in a map every member sees, so no interleaving of requests anywhere can pass the limit together.
 */
final class Governor implements QuotaService {
    static final String LOCK = "quota";
    private static final Duration LOCK_LEASE = Duration.ofSeconds(15);
    private static final String LIMITS_KEY = "limits";

    /** The host's hardware, as the defaults and bounds of the limits need it. */
    record Physical(long cores, long memoryMiB) {
    }

    private final ReentrantLock localLock = new ReentrantLock(true);
    private final ClusterService cluster;
    private final Ledger ledger;
    private final ConcurrentMap<String, String> sharedLimits;
    private final LimitsStore store;
    private final Supplier<Map<String, Amounts>> actual;
    private final Supplier<Physical> physical;
    private final double cpuOvercommit;
    private final Duration lockWait;
    private final long settleMillis;

    /**
     * @param sharedLimits the admin's limits as every member sees them (the store keeps them across restarts)
     * @param actual       every instance's limits as LXD has them now, by name
     */
    Governor(ClusterService cluster, Ledger ledger, ConcurrentMap<String, String> sharedLimits, LimitsStore store,
             Supplier<Map<String, Amounts>> actual, Supplier<Physical> physical, double cpuOvercommit,
             Duration lockWait, Duration settle) {
        this.cluster = cluster;
        this.ledger = ledger;
        this.sharedLimits = sharedLimits;
        this.store = store;
        this.actual = actual;
        this.physical = physical;
        this.cpuOvercommit = cpuOvercommit;
        this.lockWait = lockWait;
        this.settleMillis = settle.toMillis();
    }

    @Override
    public Quota quota() {
        Physical host = physical.get();
        Amounts limit = limits(host);
        Amounts allocated = Allocation.total(actual.get(), ledger.current());
        return new Quota(new QuotaAmount(limit.cpu(), allocated.cpu(), host.cores()),
                new QuotaAmount(limit.memoryMiB(), allocated.memoryMiB(), host.memoryMiB()));
    }

    @Override
    public Quota setLimits(int cpu, long memoryMiB) {
        Physical host = physical.get();
        long maxCpu = maxCpu(host);
        if (cpu < 1 || cpu > maxCpu) {
            throw new ValidationException("cpu", "must be from 1 to " + maxCpu + " (physical cores " + host.cores()
                    + " × cpuOvercommit " + cpuOvercommit + ")");
        }
        if (memoryMiB < 1 || memoryMiB > host.memoryMiB()) {
            throw new ValidationException("memoryMiB", "must be from 1 to " + host.memoryMiB()
                    + " (the host's physical memory; memory is never overcommitted)");
        }
        locked(() -> {
            Amounts allocated = Allocation.total(actual.get(), ledger.current());
            if (cpu < allocated.cpu()) {
                throw new ValidationException("cpu", "must not be below the " + allocated.cpu() + " allocated");
            }
            if (memoryMiB < allocated.memoryMiB()) {
                throw new ValidationException("memoryMiB", "must not be below the " + allocated.memoryMiB()
                        + " MiB allocated");
            }
            Amounts limits = new Amounts(cpu, memoryMiB);
            store.save(limits);
            sharedLimits.put(LIMITS_KEY, limits.cpu() + "," + limits.memoryMiB());
            return null;
        });
        return quota();
    }

    @Override
    public Reservation reserve(String instance, int cpu, long memoryMiB) {
        if (cpu < 0 || memoryMiB < 0) {
            throw new IllegalArgumentException("negative reservation");
        }
        Amounts request = new Amounts(cpu, memoryMiB);
        Physical host = physical.get();
        return locked(() -> {
            Amounts limit = limits(host);
            Amounts total = Allocation.totalWith(instance, request, actual.get(), ledger.current());
            String shortfall = Allocation.shortfall(total, limit);
            if (shortfall != null) {
                throw new QuotaExceededException("Quota exceeded for instance '" + instance + "': " + shortfall);
            }
            Optional<String> previous = ledger.put(instance, request);
            return new LedgerReservation(instance, request, previous);
        });
    }

    @Override
    public void release(String instance) {
        ledger.remove(instance);
    }

    @Override
    public void settle(String instance) {
        ledger.expireAfter(instance, settleMillis);
    }

    /** The limits in force: the admin's (bounded by what the host allows now), else the host's. */
    Amounts limits(Physical host) {
        Amounts max = new Amounts(maxCpu(host), host.memoryMiB());
        Amounts chosen = configured().orElse(max);
        return new Amounts(Math.min(chosen.cpu(), max.cpu()), Math.min(chosen.memoryMiB(), max.memoryMiB()));
    }

    private Optional<Amounts> configured() {
        String shared = sharedLimits.get(LIMITS_KEY);
        if (shared != null) {
            String[] parts = shared.split(",");
            return Optional.of(new Amounts(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        }
        Optional<Amounts> stored = store.load();
        stored.ifPresent(l -> sharedLimits.putIfAbsent(LIMITS_KEY, l.cpu() + "," + l.memoryMiB()));
        return stored;
    }

    long maxCpu(Physical host) {
        return (long) Math.floor(host.cores() * cpuOvercommit);
    }

    private interface Work<T> {
        T run();
    }

    private <T> T locked(Work<T> work) {
        long deadline = System.nanoTime() + lockWait.toNanos();
        try {
            if (!localLock.tryLock(lockWait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                throw busy();
            }
            try {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                ClusterLock lock = cluster.tryLock(LOCK, left, LOCK_LEASE).orElseThrow(Governor::busy);
                try {
                    return work.run();
                } finally {
                    lock.close();
                }
            } finally {
                localLock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private static ServiceUnavailableException busy() {
        return new ServiceUnavailableException("quota-busy", "The quota governor is busy; try again", null);
    }

    /** A reservation in the ledger, given back on close unless committed. */
    private final class LedgerReservation implements Reservation {
        private final String instance;
        private final Amounts amounts;
        private final Optional<String> previous;
        private volatile boolean committed;
        private volatile boolean closed;

        LedgerReservation(String instance, Amounts amounts, Optional<String> previous) {
            this.instance = instance;
            this.amounts = amounts;
            this.previous = previous;
        }

        @Override
        public String instance() {
            return instance;
        }

        @Override
        public int cpu() {
            return (int) amounts.cpu();
        }

        @Override
        public long memoryMiB() {
            return amounts.memoryMiB();
        }

        @Override
        public void commit() {
            committed = true;
        }

        @Override
        public void close() {
            if (!committed && !closed) {
                closed = true;
                ledger.undo(instance, amounts, previous);
            }
        }
    }
}
