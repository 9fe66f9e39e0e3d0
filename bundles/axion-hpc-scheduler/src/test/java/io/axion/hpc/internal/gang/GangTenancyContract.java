package io.axion.hpc.internal.gang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ConflictException;
import io.axion.api.store.Store;
import io.axion.api.tenant.TenantRoles;
import io.axion.api.tenant.TenantScope;
import io.axion.hpc.internal.allocation.Pin;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gangs in the store carry their tenant, and a scope finds and lists only what it sees; SQLite and PostgreSQL. */
abstract class GangTenancyContract {
    static final TenantScope OF_A = new TenantScope("a", false, TenantRoles.OPERATOR);
    static final TenantScope OF_B = new TenantScope("b", false, TenantRoles.OPERATOR);
    static final TenantScope ADMIN = new TenantScope("default", true, TenantRoles.TENANT_ADMIN);

    abstract Store store();

    static GangRequest gang(String name, int count) {
        return new GangRequest(name, count, new GangRequest.Template("img", 1, 64, null, null, null, "shared", null,
                null), null, null, null);
    }

    static List<Pin> pins(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new Pin("h" + i, List.of(), List.of(), null, false)).toList();
    }

    @Test
    void aScopeListsAndFindsItsTenantsGangsOnlyAndAGlobalAdminOrTheShellEveryOne() {
        GangStore gangs = new GangStore(store(), Clock.systemUTC());
        gangs.add(gang("ga", 2), "usera", "a", GangStore.CREATING, pins(2));
        gangs.add(gang("gb", 1), "userb", "b", GangStore.QUEUED, null);

        assertThat(gangs.list(OF_A)).extracting(GangStore.Gang::name).containsExactly("ga");
        assertThat(gangs.list(OF_B)).extracting(GangStore.Gang::name).containsExactly("gb");
        assertThat(gangs.list(ADMIN)).extracting(GangStore.Gang::name).containsExactly("ga", "gb");
        assertThat(gangs.list(null)).extracting(GangStore.Gang::tenant).containsExactly("a", "b");
        assertThat(gangs.list(TenantScope.none())).isEmpty();

        assertThat(gangs.find("ga", OF_A)).map(GangStore.Gang::tenant).contains("a");
        assertThat(gangs.find("ga", OF_B)).isEmpty();
        assertThat(gangs.find("ga", ADMIN)).isPresent();
        assertThat(gangs.find("ga", TenantScope.none())).isEmpty();
        // Another tenant's gang is absent to B, yet still whole.
        assertThat(gangs.members("ga")).hasSize(2);
    }

    @Test
    void aGangNameIsTakenAcrossTenantsLikeAnInstanceName() {
        GangStore gangs = new GangStore(store(), Clock.systemUTC());
        gangs.add(gang("same", 1), "usera", "a", GangStore.QUEUED, null);
        assertThatThrownBy(() -> gangs.add(gang("same", 1), "userb", "b", GangStore.QUEUED, null))
                .isInstanceOf(ConflictException.class);
        assertThat(gangs.find("same")).map(GangStore.Gang::tenant).contains("a");
    }

    @Test
    void aGangOfNoNamedTenantAndARowFromBeforeTenantsBelongToDefault() {
        GangStore gangs = new GangStore(store(), Clock.systemUTC());
        gangs.add(gang("plain", 1), "admin", null, GangStore.QUEUED, null);
        // A row written before V5 did not name the column: the migration's default holds it.
        store().inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hpc_gangs (name, owner, state, "
                    + "request, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, "old");
                insert.setString(2, "admin");
                insert.setString(3, GangStore.QUEUED);
                insert.setString(4, GangStore.write(gang("old", 1)));
                insert.setLong(5, 1L);
                insert.setLong(6, 1L);
                return insert.executeUpdate();
            }
        });
        TenantScope ofDefault = new TenantScope("default", false, TenantRoles.VIEWER);
        assertThat(gangs.list(ofDefault)).extracting(GangStore.Gang::name).containsExactlyInAnyOrder("plain", "old");
        assertThat(gangs.list(OF_A)).isEmpty();
    }
}
