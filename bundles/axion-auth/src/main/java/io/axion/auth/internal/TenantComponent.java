package io.axion.auth.internal;

import io.axion.api.AxionConstants;
import io.axion.api.instance.InstanceService;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaService;
import io.axion.api.store.Store;
import io.axion.api.tenant.Membership;
import io.axion.api.tenant.Tenant;
import io.axion.api.tenant.TenantEvent;
import io.axion.api.tenant.TenantListener;
import io.axion.api.tenant.TenantQuota;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TenantService}. It lives in the auth bundle, not a bundle of its own, because a tenant is a grouping
 * of accounts: memberships are made and dropped with the accounts (a new user joins {@code default}, a deleted one
 * leaves every tenant, in the same transaction), and the tenant of a request is decided right where its caller is
 * authenticated ({@link TenantScopeFilter}). A separate bundle would need a second path to the accounts and would
 * leave a window in which a request is authenticated but not yet scoped.
 */
@Component(service = TenantService.class, configurationPid = AxionConstants.PID_AUTH,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class TenantComponent implements TenantService {
    private static final Logger LOG = LoggerFactory.getLogger(TenantComponent.class);

    @Reference
    private Store store;

    /** Its activation has migrated the store and made the first admin. */
    @Reference
    private AuthService auth;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile QuotaService quota;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstanceService instances;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final List<TenantListener> listeners = new CopyOnWriteArrayList<>();

    private TenantDirectory directory;

    @Activate
    void activate(AuthConfig config) {
        directory = new TenantDirectory(store, Clock.systemUTC(), u -> auth.users().state(u).isPresent(),
                this::ceiling, this::instancesOf, config.tenantQuotaOvercommit(), this::tell);
        int adopted = directory.adoptOrphans();
        if (adopted > 0) {
            LOG.info("{} account(s) of no tenant joined the '{}' tenant", adopted, DEFAULT);
        }
        LOG.info("Tenants active (quota overcommit {})", config.tenantQuotaOvercommit() ? "allowed" : "refused");
    }

    private Optional<TenantDirectory.Ceiling> ceiling() {
        QuotaService governor = quota;
        if (governor == null) {
            return Optional.empty();
        }
        Quota now = governor.quota();
        return Optional.of(new TenantDirectory.Ceiling(now.cpu().limit(), now.memoryMiB().limit()));
    }

    private int instancesOf(String tenant) {
        InstanceService service = instances;
        return service == null ? 0 : (int) service.list().stream().filter(i -> tenant.equals(i.tenant())).count();
    }

    private void tell(TenantEvent event) {
        for (TenantListener listener : listeners) {
            try {
                listener.event(event);
            } catch (RuntimeException e) {
                LOG.warn("A tenant listener failed on {}", event, e);
            }
        }
    }

    @Override
    public List<Tenant> list() {
        return directory.list();
    }

    @Override
    public Optional<Tenant> find(String name) {
        return directory.find(name);
    }

    @Override
    public Tenant create(String name, TenantQuota quota) {
        Tenant tenant = directory.create(name, quota);
        LOG.info("Tenant {} created with quota {}", name, tenant.quota());
        return tenant;
    }

    @Override
    public Tenant update(String name, TenantQuota quota) {
        return directory.update(name, quota);
    }

    @Override
    public void delete(String name) {
        directory.delete(name);
        LOG.info("Tenant {} deleted", name);
    }

    @Override
    public List<Membership> members(String tenant) {
        return directory.members(tenant);
    }

    @Override
    public List<Membership> memberships(String username) {
        return directory.memberships(username);
    }

    @Override
    public Membership setMember(String tenant, String username, String role) {
        return directory.setMember(tenant, username, role);
    }

    @Override
    public void removeMember(String tenant, String username) {
        directory.removeMember(tenant, username);
    }

    @Override
    public TenantScope scopeOf(String username, String globalRole, String requested) {
        return directory.scopeOf(username, globalRole, requested);
    }
}
