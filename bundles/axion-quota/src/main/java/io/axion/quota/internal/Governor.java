package io.axion.quota.internal;

import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterService;
import io.axion.api.error.ServiceUnavailableException;
import io.axion.api.error.ValidationException;
import io.axion.api.quota.HostQuota;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaAmount;
import io.axion.api.quota.QuotaExceededException;
import io.axion.api.quota.QuotaService;
import io.axion.api.quota.Reservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import io.axion.api.tenant.TenantQuota;

/**
 * The quota governor's logic. Every host has its own ceiling (its physical cores times {@code cpuOvercommit}, its
 * memory); the cluster's is their sum, bounded by the admin's limits. Every check-and-reserve runs under a local
 * fair lock (threads of this node queue without spinning) and then the cluster-wide lock {@code quota} (nodes take
 * turns); the reservations it compares against are in the shared store, so no interleaving of requests anywhere
 * can pass either ceiling together.
 */
final class Governor implements QuotaService {
    static final String LOCK = "quota";
    private static final Duration LOCK_LEASE = Duration.ofSeconds(15);
    private static final String LIMITS_KEY = "limits";

    /** A host's hardware, as the defaults and bounds of the limits need it. */
    record Physical(long cores, long memoryMiB) {
        static final Physical NONE = new Physical(0, 0);

        Physical plus(Physical other) {
            return new Physical(cores + other.cores, memoryMiB + other.memoryMiB);
        }
    }

    private final ReentrantLock localLock = new ReentrantLock(true);
    private final ClusterService cluster;
    private final Ledger ledger;
    private final ConcurrentMap<String, String> sharedLimits;
    private final LimitsStore store;
    private final Supplier<Map<String, Placed>> actual;
    private final Supplier<Map<String, Physical>> hosts;
    private final double cpuOvercommit;
    private final Duration lockWait;
    private final long settleMillis;
    private final Supplier<Map<String, String>> actualTenants;
    private final Function<String, Optional<TenantQuota>> tenantQuotas;
    private final long defaultDiskGiB;

    /**
     * @param sharedLimits the admin's limits as every node sees them (the store keeps them across restarts)
     * @param actual       every instance's limits as LXD has them now, with its host, by name
     * @param hosts        every host's hardware, by name
     */
    Governor(ClusterService cluster, Ledger ledger, ConcurrentMap<String, String> sharedLimits, LimitsStore store,
             Supplier<Map<String, Placed>> actual, Supplier<Map<String, Physical>> hosts, double cpuOvercommit,
             Duration lockWait, Duration settle) {
        this(cluster, ledger, sharedLimits, store, actual, hosts, cpuOvercommit, lockWait, settle, Map::of,
                tenant -> Optional.empty());
    }

    Governor(ClusterService cluster, Ledger ledger, ConcurrentMap<String, String> sharedLimits, LimitsStore store,
             Supplier<Map<String, Placed>> actual, Supplier<Map<String, Physical>> hosts, double cpuOvercommit,
             Duration lockWait, Duration settle, Supplier<Map<String, String>> actualTenants,
             Function<String, Optional<TenantQuota>> tenantQuotas) {
        this(cluster, ledger, sharedLimits, store, actual, hosts, cpuOvercommit, lockWait, settle, actualTenants,
                tenantQuotas, QuotaConfig.DEFAULT_DISK_GIB);
    }

    /**
     * @param actualTenants the tenant of every instance LXD has now, by name
     * @param tenantQuotas  a tenant's quota (empty: none of its own, or no tenants installed)
     * @param defaultDiskGiB what a reservation whose disk takes the pool's default (null) counts, GiB
     */
    Governor(ClusterService cluster, Ledger ledger, ConcurrentMap<String, String> sharedLimits, LimitsStore store,
             Supplier<Map<String, Placed>> actual, Supplier<Map<String, Physical>> hosts, double cpuOvercommit,
             Duration lockWait, Duration settle, Supplier<Map<String, String>> actualTenants,
             Function<String, Optional<TenantQuota>> tenantQuotas, long defaultDiskGiB) {
        this.defaultDiskGiB = defaultDiskGiB;
        this.actualTenants = actualTenants;
        this.tenantQuotas = tenantQuotas;
        this.cluster = cluster;
        this.ledger = ledger;
        this.sharedLimits = sharedLimits;
        this.store = store;
        this.actual = actual;
        this.hosts = hosts;
        this.cpuOvercommit = cpuOvercommit;
        this.lockWait = lockWait;
        this.settleMillis = settle.toMillis();
    }

    @Override
    public Quota quota() {
        Map<String, Physical> hardware = hosts.get();
        Physical total = total(hardware);
        Amounts limit = limits(total);
        Map<String, Placed> now = actual.get();
        Map<String, Placed> reserved = ledger.current();
        Amounts allocated = Allocation.total(Allocation.amounts(now), Allocation.amounts(reserved));
        Map<String, Amounts> perHost = Allocation.perHost(now, reserved);
        List<HostQuota> shares = new ArrayList<>();
        new TreeMap<>(hardware).forEach((host, physical) -> {
            Amounts ceiling = ceiling(physical);
            Amounts used = perHost.getOrDefault(host, Amounts.ZERO);
            shares.add(new HostQuota(host, new QuotaAmount(ceiling.cpu(), used.cpu(), physical.cores()),
                    new QuotaAmount(ceiling.memoryMiB(), used.memoryMiB(), physical.memoryMiB())));
        });
        return new Quota(new QuotaAmount(limit.cpu(), allocated.cpu(), total.cores()),
                new QuotaAmount(limit.memoryMiB(), allocated.memoryMiB(), total.memoryMiB()), shares);
    }

    @Override
    public Quota setLimits(int cpu, long memoryMiB) {
        Physical total = total(hosts.get());
        long maxCpu = maxCpu(total);
        if (cpu < 1 || cpu > maxCpu) {
            throw new ValidationException("cpu", "must be from 1 to " + maxCpu + " (the hosts' physical cores "
                    + total.cores() + " × cpuOvercommit " + cpuOvercommit + ")");
        }
        if (memoryMiB < 1 || memoryMiB > total.memoryMiB()) {
            throw new ValidationException("memoryMiB", "must be from 1 to " + total.memoryMiB()
                    + " (the hosts' physical memory; memory is never overcommitted)");
        }
        locked(() -> {
            Amounts allocated = Allocation.total(Allocation.amounts(actual.get()),
                    Allocation.amounts(ledger.current()));
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
    public Reservation reserve(String instance, String host, int cpu, long memoryMiB) {
        return reserve(instance, host, cpu, memoryMiB, null);
    }

    /**
     * The tenant's quota is checked in the same locked section as the global limits and the host's ceiling, against
     * the same ledger: racing creates of one tenant, on any node, cannot together pass it either.
     */
    @Override
    public Reservation reserve(String instance, String host, int cpu, long memoryMiB, String tenant) {
        return reserve(instance, host, cpu, memoryMiB, null, tenant);
    }

    /** As the five-argument reserve, holding {@code diskGiB} (null: the pool's default, {@code defaultDiskGiB}). */
    @Override
    public Reservation reserve(String instance, String host, int cpu, long memoryMiB, Long diskGiB, String tenant) {
        long disk = diskGiB == null ? defaultDiskGiB : diskGiB;
        if (cpu < 0 || memoryMiB < 0 || disk < 0) {
            throw new IllegalArgumentException("negative reservation");
        }
        Amounts request = new Amounts(cpu, memoryMiB, disk);
        Map<String, Physical> hardware = hosts.get();
        Physical physical = host == null ? null : hardware.get(host);
        if (host != null && (physical == null || physical.cores() == 0)) {
            throw new QuotaExceededException("Host '" + host + "' has no known capacity yet (no node owns it, or its"
                    + " LXD has not answered)");
        }
        return locked(() -> {
            Map<String, Placed> now = actual.get();
            Map<String, Placed> reserved = ledger.current();
            Amounts total = Allocation.totalWith(instance, request, Allocation.amounts(now),
                    Allocation.amounts(reserved));
            String shortfall = Allocation.shortfall(total, limits(total(hardware)));
            if (shortfall != null) {
                throw new QuotaExceededException("Quota exceeded for instance '" + instance + "': " + shortfall);
            }
            if (host != null) {
                Map<String, Placed> withRequest = new HashMap<>(reserved);
                withRequest.put(instance, new Placed(host, request));
                Amounts onHost = Allocation.perHost(now, withRequest).getOrDefault(host, Amounts.ZERO);
                String hostShortfall = Allocation.shortfall(onHost, ceiling(physical));
                if (hostShortfall != null) {
                    throw new QuotaExceededException("Host '" + host + "' has no room for instance '" + instance
                            + "': " + hostShortfall);
                }
            }
            if (tenant != null) {
                Optional<TenantQuota> share = tenantQuotas.apply(tenant);
                if (share.isPresent()) {
                    String tenantShortfall = TenantAllowance.shortfall(tenant, share.get(), instance, request,
                            Allocation.amounts(now), Allocation.amounts(reserved), actualTenants.get(),
                            ledger.tenants());
                    if (tenantShortfall != null) {
                        throw new QuotaExceededException("Tenant quota exceeded for instance '" + instance + "': "
                                + tenantShortfall);
                    }
                }
            }
            Optional<Ledger.Hold> previous = ledger.put(instance, new Placed(host, request), tenant);
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

    /** The limits in force: the admin's (bounded by what the hosts allow now), else the hosts' ceilings summed. */
    Amounts limits(Physical total) {
        Amounts max = new Amounts(maxCpu(total), total.memoryMiB());
        Amounts chosen = configured().orElse(max);
        return new Amounts(Math.min(chosen.cpu(), max.cpu()), Math.min(chosen.memoryMiB(), max.memoryMiB()));
    }

    private Amounts ceiling(Physical host) {
        return new Amounts(maxCpu(host), host.memoryMiB());
    }

    private static Physical total(Map<String, Physical> hardware) {
        return hardware.values().stream().reduce(Physical.NONE, Physical::plus);
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
        private final Optional<Ledger.Hold> previous;
        private volatile boolean committed;
        private volatile boolean closed;

        LedgerReservation(String instance, Amounts amounts, Optional<Ledger.Hold> previous) {
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
                locked(() -> {
                    ledger.undo(instance, previous);
                    return null;
                });
            }
        }
    }
}
