package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.AxionException;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.tenant.Membership;
import io.axion.api.tenant.TenantEvent;
import io.axion.api.tenant.TenantQuota;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantDirectoryTest {
    @TempDir
    Path dir;
    private AuthFixture fixture;
    private final List<TenantEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> instances = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        fixture = AuthFixture.withAdmin(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private TenantDirectory directory(boolean overcommit) {
        return new TenantDirectory(fixture.store, fixture.clock, u -> fixture.auth.users().state(u).isPresent(),
                () -> Optional.of(new TenantDirectory.Ceiling(8, 4096)), t -> instances.getOrDefault(t, 0),
                overcommit, events::add);
    }

    @Test
    void theMigrationMadeDefaultHoldingEveryUserAndNewUsersJoinIt() {
        TenantDirectory tenants = directory(false);
        assertThat(tenants.list()).extracting(t -> t.name()).containsExactly(TenantService.DEFAULT);
        assertThat(tenants.memberships("admin")).containsExactly(new Membership("default", "admin", "tenant-admin"));
        fixture.auth.users().create("olga", "a-long-Passw0rd", "operator");
        assertThat(tenants.memberships("olga")).containsExactly(new Membership("default", "olga", "operator"));
        fixture.auth.users().delete("olga");
        assertThat(tenants.memberships("olga")).isEmpty();
    }

    @Test
    void quotasTogetherStayWithinTheGlobalCeilingUnlessOvercommitIsOn() {
        TenantDirectory tenants = directory(false);
        tenants.create("a", new TenantQuota(6, 1024L, 10L, 5));
        assertThatThrownBy(() -> tenants.create("b", new TenantQuota(3, null, null, null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("quota.cpu");
        assertThat(tenants.find("b")).isEmpty();
        tenants.create("b", new TenantQuota(2, 3072L, null, null));
        assertThatThrownBy(() -> tenants.update("b", new TenantQuota(2, 3073L, null, null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("quota.memoryMiB");
        directory(true).update("b", new TenantQuota(20, 9000L, null, null));
        assertThat(tenants.get("b").quota().cpu()).isEqualTo(20);
        assertThatThrownBy(() -> tenants.create("a", null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> tenants.create("Bad Name", null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> tenants.create("c", new TenantQuota(-1, null, null, null)))
                .isInstanceOf(ValidationException.class);
        assertThat(events).extracting(TenantEvent::type).containsExactly(TenantEvent.Type.TENANT_ADDED,
                TenantEvent.Type.TENANT_ADDED, TenantEvent.Type.TENANT_UPDATED);
    }

    @Test
    void scopesFollowMembershipsAndTheHeader() {
        TenantDirectory tenants = directory(false);
        tenants.create("a", null);
        tenants.create("b", null);
        fixture.auth.users().create("ann", "a-long-Passw0rd", "operator");
        tenants.removeMember("default", "ann");
        assertThat(tenants.scopeOf("ann", "operator", null)).isEqualTo(TenantScope.none());
        tenants.setMember("a", "ann", "viewer");
        tenants.setMember("b", "ann", "operator");
        assertThat(tenants.scopeOf("ann", "operator", null)).isEqualTo(new TenantScope("a", false, "viewer"));
        assertThat(tenants.scopeOf("ann", "operator", "b")).isEqualTo(new TenantScope("b", false, "operator"));
        assertThatThrownBy(() -> tenants.scopeOf("ann", "operator", "default"))
                .isInstanceOfSatisfying(AxionException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> tenants.scopeOf("ann", "operator", "nowhere"))
                .isInstanceOfSatisfying(AxionException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(tenants.scopeOf("admin", "admin", null).all()).isTrue();
        assertThat(tenants.scopeOf("admin", "admin", "b")).isEqualTo(new TenantScope("b", false, "tenant-admin"));
        assertThatThrownBy(() -> tenants.scopeOf("admin", "admin", "nowhere")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tenants.setMember("a", "ann", "boss")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> tenants.setMember("a", "ghost", "viewer")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void defaultAndTenantsHoldingInstancesAreNotDeleted() {
        TenantDirectory tenants = directory(false);
        tenants.create("a", null);
        fixture.auth.users().create("ann", "a-long-Passw0rd", "operator");
        tenants.setMember("a", "ann", "viewer");
        assertThatThrownBy(() -> tenants.delete("default")).isInstanceOf(ConflictException.class);
        instances.put("a", 1);
        assertThatThrownBy(() -> tenants.delete("a")).isInstanceOf(ConflictException.class);
        instances.put("a", 0);
        tenants.delete("a");
        assertThat(tenants.find("a")).isEmpty();
        assertThat(tenants.memberships("ann")).extracting(Membership::tenant).containsExactly("default");
    }
}
