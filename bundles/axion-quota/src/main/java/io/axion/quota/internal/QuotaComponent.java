package io.axion.quota.internal;

import io.axion.api.AxionConstants;
import io.axion.api.cluster.ClusterService;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.host.Host;
import io.axion.api.host.HostService;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaService;
import io.axion.api.quota.Reservation;
import io.axion.api.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import io.axion.api.tenant.Tenant;
import io.axion.api.tenant.TenantQuota;
import io.axion.api.tenant.TenantService;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link QuotaService}: actual allocations come from the instance view (every instance of every host's
 * project, running or stopped, also those made outside Axion; an unlimited instance counts 0), each host's
 * hardware from what its owner publishes (LXD's resources API), reservations and limits from the store.
 */
@Component(service = QuotaService.class, configurationPid = AxionConstants.PID_QUOTA,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = QuotaConfig.class)
public class QuotaComponent implements QuotaService {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaComponent.class);
    static final String LIMITS_MAP = "quota-limits";

    @Reference
    private Store store;

    @Reference
    private ClusterService cluster;

    @Reference
    private HostService hosts;

    @Reference
    private InstanceService instances;

    /** Optional: without tenants, only the global limits and the hosts' ceilings hold. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TenantService tenants;

    private Governor governor;
    private volatile long defaultDiskGiB = QuotaConfig.DEFAULT_DISK_GIB;

    @Activate
    void activate(QuotaConfig config) {
        double overcommit = config.cpuOvercommit() > 0 ? config.cpuOvercommit() : 1.0;
        defaultDiskGiB = config.defaultDiskGiB() >= 0 ? config.defaultDiskGiB() : QuotaConfig.DEFAULT_DISK_GIB;
        LimitsStore limits = new LimitsStore(store);
        governor = new Governor(cluster, new Ledger(store, Clock.systemUTC()),
                sharedMap(LIMITS_MAP), limits, this::actual, this::physical, overcommit,
                Duration.ofSeconds(Math.max(1, config.lockWaitSeconds())),
                Duration.ofSeconds(Math.max(0, config.settleSeconds())), this::actualTenants, this::tenantQuota,
                defaultDiskGiB);
        LOG.info("Quota governor active (cpuOvercommit {}, defaultDiskGiB {})", overcommit, defaultDiskGiB);
    }

    @Override
    public Quota quota() {
        return governor.quota();
    }

    @Override
    public Quota setLimits(int cpu, long memoryMiB) {
        Quota quota = governor.setLimits(cpu, memoryMiB);
        LOG.info("Quota limits set to cpu {}, memoryMiB {}", cpu, memoryMiB);
        return quota;
    }

    @Override
    public Reservation reserve(String instance, String host, int cpu, long memoryMiB) {
        return governor.reserve(instance, host, cpu, memoryMiB);
    }

    @Override
    public Reservation reserve(String instance, String host, int cpu, long memoryMiB, String tenant) {
        return governor.reserve(instance, host, cpu, memoryMiB, tenant);
    }

    @Override
    public Reservation reserve(String instance, String host, int cpu, long memoryMiB, Long diskGiB, String tenant) {
        return governor.reserve(instance, host, cpu, memoryMiB, diskGiB, tenant);
    }

    @Override
    public void release(String instance) {
        governor.release(instance);
    }

    @Override
    public void settle(String instance) {
        governor.settle(instance);
    }

    private Map<String, Placed> actual() {
        Map<String, Placed> actual = new HashMap<>();
        for (Instance instance : instances.list()) {
            actual.put(instance.name(), new Placed(instance.host(), figures(instance, defaultDiskGiB)));
        }
        return actual;
    }

    /**
     * An instance's figures as LXD has them: unlimited cpu or memory counts 0; a root disk without a size of its own
     * (the pool's default) counts {@code defaultDiskGiB}, as a create that names no size does.
     */
    static Amounts figures(Instance instance, long defaultDiskGiB) {
        return new Amounts(instance.cpu() == null ? 0 : instance.cpu(),
                instance.memoryMiB() == null ? 0 : instance.memoryMiB(),
                instance.diskGiB() == null ? defaultDiskGiB : instance.diskGiB());
    }

    private Map<String, String> actualTenants() {
        Map<String, String> owners = new HashMap<>();
        for (Instance instance : instances.list()) {
            owners.put(instance.name(), instance.tenant());
        }
        return owners;
    }

    private Optional<TenantQuota> tenantQuota(String tenant) {
        TenantService service = tenants;
        return service == null ? Optional.empty() : service.find(tenant).map(Tenant::quota);
    }

    private Map<String, Governor.Physical> physical() {
        Map<String, Governor.Physical> physical = new HashMap<>();
        for (Host host : hosts.list()) {
            physical.put(host.name(), new Governor.Physical(host.capacity().cpu(), host.capacity().memoryMiB()));
        }
        return physical;
    }

    private ConcurrentMap<String, String> sharedMap(String name) {
        try {
            return cluster.sharedMap(name);
        } catch (UnsupportedOperationException e) {
            LOG.info("The cluster service has no shared maps; {} is local to this member", name);
            return new ConcurrentHashMap<>();
        }
    }
}
