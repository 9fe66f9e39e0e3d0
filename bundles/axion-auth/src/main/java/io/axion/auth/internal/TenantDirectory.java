package io.axion.auth.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.AxionException;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.store.Store;
import io.axion.api.tenant.Membership;
import io.axion.api.tenant.Tenant;
import io.axion.api.tenant.TenantEvent;
import io.axion.api.tenant.TenantQuota;
import io.axion.api.tenant.TenantRoles;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * The {@link TenantService}'s rules over the store. Writers take the exclusive {@value #WRITE_LOCK} lock, so that
 * "the name is free" and "the quotas together fit the global ceiling" hold across nodes. Every read goes to the
 * store (no cache to keep coherent between nodes): a membership removed on one node holds on the next request
 * anywhere.
 */
final class TenantDirectory implements TenantService {
    static final String WRITE_LOCK = "auth-tenants";
    /** Lower-case letters, digits and inner dashes: it shows in LXD config and in headers unchanged. */
    static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

    /** The global ceiling in force, for the overcommit check: empty while no quota governor is installed. */
    record Ceiling(long cpu, long memoryMiB) {
    }

    private final Store store;
    private final Clock clock;
    private final Predicate<String> userExists;
    private final Supplier<Optional<Ceiling>> ceiling;
    private final ToIntFunction<String> instancesOf;
    private final boolean overcommit;
    private final Consumer<TenantEvent> events;

    /**
     * @param instancesOf how many instances a tenant holds now (a tenant with any cannot be deleted)
     * @param overcommit  whether the tenants' quotas together may pass the global ceiling
     */
    TenantDirectory(Store store, Clock clock, Predicate<String> userExists, Supplier<Optional<Ceiling>> ceiling,
                    ToIntFunction<String> instancesOf, boolean overcommit, Consumer<TenantEvent> events) {
        this.store = store;
        this.clock = clock;
        this.userExists = userExists;
        this.ceiling = ceiling;
        this.instancesOf = instancesOf;
        this.overcommit = overcommit;
        this.events = events;
    }

    /** On every start: accounts made before tenants (or by an older node meanwhile) join {@code default}. */
    int adoptOrphans() {
        return store.inExclusiveTransaction(WRITE_LOCK, TenantRepository::adoptOrphans);
    }

    @Override
    public List<Tenant> list() {
        return store.inTransaction(TenantRepository::all);
    }

    @Override
    public Optional<Tenant> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return store.inTransaction(c -> TenantRepository.find(c, name));
    }

    @Override
    public Tenant create(String name, TenantQuota quota) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("name", "is required: 1 to 32 lower-case letters, digits and inner dashes");
        }
        TenantQuota checked = checkQuota(quota);
        Tenant tenant = new Tenant(name, checked, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Optional<Ceiling> global = globalCeiling();
        store.inExclusiveTransaction(WRITE_LOCK, c -> {
            if (TenantRepository.find(c, name).isPresent()) {
                throw new ConflictException("tenant-exists", "Tenant '" + name + "' already exists");
            }
            checkCeiling(global, TenantRepository.all(c), name, checked);
            TenantRepository.insert(c, tenant);
            return null;
        });
        events.accept(new TenantEvent(TenantEvent.Type.TENANT_ADDED, name, null));
        return tenant;
    }

    @Override
    public Tenant update(String name, TenantQuota quota) {
        TenantQuota checked = checkQuota(quota);
        Optional<Ceiling> global = globalCeiling();
        Tenant updated = store.inExclusiveTransaction(WRITE_LOCK, c -> {
            Tenant existing = existing(c, name);
            checkCeiling(global, TenantRepository.all(c), name, checked);
            TenantRepository.updateQuota(c, name, checked);
            return new Tenant(name, checked, existing.createdAt());
        });
        events.accept(new TenantEvent(TenantEvent.Type.TENANT_UPDATED, name, null));
        return updated;
    }

    @Override
    public void delete(String name) {
        if (DEFAULT.equals(name)) {
            throw new ConflictException("default-tenant", "The default tenant cannot be deleted");
        }
        store.inExclusiveTransaction(WRITE_LOCK, c -> {
            existing(c, name);
            int held = instancesOf.applyAsInt(name);
            if (held > 0) {
                throw new ConflictException("tenant-not-empty", "Tenant '" + name + "' still holds " + held
                        + " instance(s); delete them first");
            }
            TenantRepository.delete(c, name);
            return null;
        });
        events.accept(new TenantEvent(TenantEvent.Type.TENANT_REMOVED, name, null));
    }

    @Override
    public List<Membership> members(String tenant) {
        return store.inTransaction(c -> {
            existing(c, tenant);
            return TenantRepository.members(c, tenant);
        });
    }

    @Override
    public List<Membership> memberships(String username) {
        if (username == null) {
            return List.of();
        }
        return store.inTransaction(c -> TenantRepository.membershipsOf(c, username));
    }

    @Override
    public Membership setMember(String tenant, String username, String role) {
        if (!TenantRoles.isRole(role)) {
            throw new ValidationException("role", "must be one of " + String.join(", ", TenantRoles.ALL));
        }
        store.inExclusiveTransaction(WRITE_LOCK, c -> {
            existing(c, tenant);
            if (username == null || !userExists.test(username)) {
                throw new NotFoundException("User", String.valueOf(username));
            }
            TenantRepository.putMember(c, tenant, username, role);
            return null;
        });
        events.accept(new TenantEvent(TenantEvent.Type.MEMBER_SET, tenant, username));
        return new Membership(tenant, username, role);
    }

    @Override
    public void removeMember(String tenant, String username) {
        store.inExclusiveTransaction(WRITE_LOCK, c -> {
            existing(c, tenant);
            if (TenantRepository.removeMember(c, tenant, username) == 0) {
                throw new NotFoundException("Member", username);
            }
            return null;
        });
        events.accept(new TenantEvent(TenantEvent.Type.MEMBER_REMOVED, tenant, username));
    }

    @Override
    public TenantScope scopeOf(String username, String globalRole, String requested) {
        boolean admin = Roles.ADMIN.equals(globalRole);
        String named = requested == null || requested.isBlank() ? null : requested.trim();
        if (named == null) {
            if (admin) {
                return new TenantScope(DEFAULT, true, TenantRoles.TENANT_ADMIN);
            }
            // Several memberships and no header: the first by name, so that a plain client keeps working. A user of
            // no tenant still reaches their own account's routes, and sees no tenant's objects.
            return memberships(username).stream().findFirst()
                    .map(m -> new TenantScope(m.tenant(), false, m.role()))
                    .orElse(TenantScope.none());
        }
        if (admin) {
            Tenant tenant = find(named).orElseThrow(() -> new NotFoundException("Tenant", named));
            return new TenantScope(tenant.name(), false, TenantRoles.TENANT_ADMIN);
        }
        // Unknown and foreign tenants answer alike: a non-member learns nothing of which tenants exist.
        return memberships(username).stream().filter(m -> m.tenant().equals(named)).findFirst()
                .map(m -> new TenantScope(m.tenant(), false, m.role()))
                .orElseThrow(() -> notAMember("You are no member of tenant '" + shorten(named) + "'"));
    }

    private static AxionException notAMember(String detail) {
        return new AxionException(403, "not-a-member", "Forbidden", detail);
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static Tenant existing(java.sql.Connection c, String name) throws java.sql.SQLException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new NotFoundException("Tenant", name == null ? "null" : shorten(name));
        }
        return TenantRepository.find(c, name).orElseThrow(() -> new NotFoundException("Tenant", name));
    }

    private static TenantQuota checkQuota(TenantQuota quota) {
        if (quota == null) {
            return TenantQuota.UNLIMITED;
        }
        nonNegative("quota.cpu", quota.cpu() == null ? null : quota.cpu().longValue());
        nonNegative("quota.memoryMiB", quota.memoryMiB());
        nonNegative("quota.diskGiB", quota.diskGiB());
        nonNegative("quota.instances", quota.instances() == null ? null : quota.instances().longValue());
        return quota;
    }

    private static void nonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw new ValidationException(field, "must be 0 or more (leave it out for no limit of the tenant's own)");
        }
    }

    /** Unless overcommit is on, the tenants' CPU and memory quotas together stay within the global ceiling. */
    /**
     * Read before the tenants' transaction opens: the governor reads the store itself, and SQLite allows one
     * writing transaction at a time. An admin changing the global limits meanwhile is the only race, and harmless.
     */
    private Optional<Ceiling> globalCeiling() {
        return overcommit ? Optional.empty() : ceiling.get();
    }

    private void checkCeiling(Optional<Ceiling> global, List<Tenant> tenants, String changed, TenantQuota quota) {
        if (global.isEmpty()) {
            return;
        }
        long cpu = quota.cpu() == null ? 0 : quota.cpu();
        long memory = quota.memoryMiB() == null ? 0 : quota.memoryMiB();
        for (Tenant other : tenants) {
            if (!other.name().equals(changed)) {
                cpu += other.quota().cpu() == null ? 0 : other.quota().cpu();
                memory += other.quota().memoryMiB() == null ? 0 : other.quota().memoryMiB();
            }
        }
        if (cpu > global.get().cpu()) {
            throw new ValidationException("quota.cpu", "the tenants' cpu quotas would sum to " + cpu
                    + ", above the global limit " + global.get().cpu() + " (set tenantQuotaOvercommit to allow it)");
        }
        if (memory > global.get().memoryMiB()) {
            throw new ValidationException("quota.memoryMiB", "the tenants' memory quotas would sum to " + memory
                    + " MiB, above the global limit " + global.get().memoryMiB()
                    + " MiB (set tenantQuotaOvercommit to allow it)");
        }
    }
}
