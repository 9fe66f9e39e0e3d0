package io.axion.hpc.internal.gang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.axion.api.cluster.ClusterService;
import io.axion.api.error.AxionException;
import io.axion.api.error.NotFoundException;
import io.axion.api.host.HostService;
import io.axion.api.instance.InstanceService;
import io.axion.api.job.JobService;
import io.axion.api.tenant.TenantScope;
import io.axion.hpc.internal.HpcPlacementPolicy;
import io.axion.hpc.internal.HpcScheduler;
import io.axion.hpc.internal.run.GangRuns;
import io.axion.hpc.internal.run.RunRequest;
import io.axion.hpc.internal.run.RunView;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.TempStore;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gang service and batch runs over a real store, the rest mocked: a gang is made in the tenant named, and another
 * tenant's gang answers 404 on every operation (as a missing one does) with nothing changed, no job and no exec.
 */
class GangScopingTest {
    private static final TenantScope OF_A = GangTenancyContract.OF_A;
    private static final TenantScope OF_B = GangTenancyContract.OF_B;
    private static final TenantScope ADMIN = GangTenancyContract.ADMIN;

    @RegisterExtension
    final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);

    private final JobService jobs = mock(JobService.class);
    private final HostService hosts = mock(HostService.class);
    private final HpcPlacementPolicy policy = mock(HpcPlacementPolicy.class);
    private final HpcScheduler scheduler = mock(HpcScheduler.class);
    private GangService gangs;
    private GangStore rows;
    private GangRuns runs;

    @BeforeEach
    void wire() throws Exception {
        when(policy.reservations()).thenReturn(List.of());
        when(policy.scheduler()).thenReturn(scheduler);
        when(scheduler.reserveGang(any(), any(), any())).thenReturn(Optional.empty());
        when(hosts.list()).thenReturn(List.of());
        gangs = new GangService();
        rows = new GangStore(store.get(), Clock.systemUTC());
        inject(gangs, "store", store.get());
        inject(gangs, "policy", policy);
        inject(gangs, "hosts", hosts);
        inject(gangs, "instances", mock(InstanceService.class));
        inject(gangs, "jobs", jobs);
        inject(gangs, "cluster", mock(ClusterService.class));
        inject(gangs, "gangs", rows);
        inject(gangs, "timer", mock(ScheduledExecutorService.class));
        runs = new GangRuns();
        inject(runs, "store", store.get());
        inject(runs, "gangs", gangs);
        inject(runs, "hosts", hosts);
        ClusterService cluster = mock(ClusterService.class);
        when(cluster.localNodeId()).thenReturn("n1");
        inject(runs, "cluster", cluster);
        Method activate = GangRuns.class.getDeclaredMethod("activate");
        activate.setAccessible(true);
        activate.invoke(runs);
        // A's gang, created and running: two members on h0 and h1.
        rows.add(GangTenancyContract.gang("ga", 2), "usera", "a", GangStore.CREATING, GangTenancyContract.pins(2));
        rows.state("ga", GangStore.RUNNING, null, null);
    }

    @AfterEach
    void stop() throws Exception {
        Method deactivate = GangRuns.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(runs);
    }

    private static void inject(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Test
    void aGangIsMadeInTheTenantOfTheRequestAndShowsIt() {
        GangRequest request = new GangRequest("gq", 2, GangTenancyContract.gang("gq", 2).template(), null, true, null);
        GangView queued = gangs.create(request, "userb", GangTenancy.tenantOfCreate(OF_B));
        assertThat(queued.tenant()).isEqualTo("b");
        assertThat(queued.state()).isEqualTo(GangStore.QUEUED);
        assertThat(gangs.list(OF_B)).extracting(GangView::name).containsExactly("gq");
        assertThat(gangs.list(OF_A)).extracting(GangView::name).containsExactly("ga");
        assertThat(gangs.list(ADMIN)).extracting(GangView::name).containsExactly("ga", "gq");
        // Its members are created in that tenant, where its quota counts them.
        assertThat(request.member(1, queued.tenant()).tenant()).isEqualTo("b");
        assertThat(request.member(1, queued.tenant()).name()).isEqualTo("gq-1");
    }

    @Test
    void whereARequestCreatesAGang() {
        assertThat(GangTenancy.tenantOfCreate(null)).isEqualTo("default");
        assertThat(GangTenancy.tenantOfCreate(OF_A)).isEqualTo("a");
        assertThat(GangTenancy.tenantOfCreate(ADMIN)).as("a global admin naming none").isEqualTo("default");
        assertThatThrownBy(() -> GangTenancy.tenantOfCreate(TenantScope.none()))
                .isInstanceOfSatisfying(AxionException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void anotherTenantsGangIs404OnGetDeleteAndRunsAndNothingChanges() {
        String missing = message(() -> gangs.get("nope", OF_B));
        assertThat(message(() -> gangs.get("ga", OF_B))).isEqualTo(missing.replace("nope", "ga"));
        assertThatThrownBy(() -> gangs.delete("ga", OF_B)).isInstanceOf(NotFoundException.class);
        RunRequest hostname = new RunRequest(List.of("hostname"), null, 30);
        assertThatThrownBy(() -> runs.start("ga", hostname, OF_B)).isInstanceOf(NotFoundException.class);
        // Even a bad body: the foreign gang is 404 first, so a 422 tells nothing about it.
        assertThatThrownBy(() -> runs.start("ga", null, OF_B)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> runs.list("ga", OF_B)).isInstanceOf(NotFoundException.class);

        verifyNoInteractions(jobs);
        assertThat(rows.find("ga")).map(GangStore.Gang::state).contains(GangStore.RUNNING);
        assertThat(rows.members("ga")).hasSize(2);
        assertThat(runs.list("ga", ADMIN)).isEmpty();
        verify(hosts, never()).lxd(anyString());
        assertThat(gangs.get("ga", OF_A).tenant()).isEqualTo("a");
    }

    @Test
    void aRunOfAnotherTenantsGangIs404ToItWhileItsOwnerAndAnAdminReadIt() {
        RunView run = runs.start("ga", new RunRequest(List.of("hostname"), null, 30), OF_A);
        assertThat(runs.get("ga", run.id(), OF_A).id()).isEqualTo(run.id());
        assertThat(runs.get("ga", run.id(), ADMIN).id()).isEqualTo(run.id());
        assertThat(runs.get("ga", run.id(), null).id()).as("the shell").isEqualTo(run.id());
        assertThatThrownBy(() -> runs.get("ga", run.id(), OF_B)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("ga");
        assertThat(runs.list("ga", OF_A)).extracting(RunView::id).containsExactly(run.id());
    }

    private static String message(Runnable call) {
        try {
            call.run();
        } catch (NotFoundException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a 404");
    }
}
