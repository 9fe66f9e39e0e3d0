package io.axion.hpc.internal.gang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.axion.api.cluster.ClusterService;
import io.axion.api.error.AxionException;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.host.HostService;
import io.axion.api.instance.InstanceService;
import io.axion.api.job.JobService;
import io.axion.hpc.internal.HpcPlacementPolicy;
import io.axion.hpc.internal.HpcScheduler;
import io.axion.hpc.internal.allocation.PinRequest;
import io.axion.hpc.internal.queue.QueueItem;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.TempStore;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * Waiting gangs as a queue, over a real store: listed next first with their kind, ordered by priority like queued
 * creates, cancellable while they wait (owner or admin), and dispatched in that same order.
 */
class GangQueueTest {
    @RegisterExtension
    final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);

    private final HpcScheduler scheduler = mock(HpcScheduler.class);
    private final AtomicLong millis = new AtomicLong(1_000_000);
    private GangService gangs;
    private GangStore rows;

    @BeforeEach
    void wire() throws Exception {
        HpcPlacementPolicy policy = mock(HpcPlacementPolicy.class);
        HostService hosts = mock(HostService.class);
        when(policy.reservations()).thenReturn(List.of());
        when(policy.scheduler()).thenReturn(scheduler);
        when(scheduler.reserveGang(any(), any(), any())).thenReturn(Optional.empty());
        when(hosts.list()).thenReturn(List.of());
        // Each gang one second younger than the one before, so age is not left to the clock's resolution.
        Clock ticking = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.addAndGet(1000));
            }
        };
        gangs = new GangService();
        rows = new GangStore(store.get(), ticking);
        inject(gangs, "store", store.get());
        inject(gangs, "policy", policy);
        inject(gangs, "hosts", hosts);
        inject(gangs, "instances", mock(InstanceService.class));
        inject(gangs, "jobs", mock(JobService.class));
        inject(gangs, "cluster", mock(ClusterService.class));
        inject(gangs, "gangs", rows);
        inject(gangs, "timer", mock(ScheduledExecutorService.class));
    }

    private static void inject(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private void queue(String name, Integer priority, String owner, String tenant) {
        GangRequest request = new GangRequest(name, 2, new GangRequest.Template("img", 1, 64, null, null, null,
                "dedicated", null, null), "host", true, priority);
        gangs.create(request, owner, tenant);
    }

    private List<String> names(List<QueueItem> items) {
        return items.stream().map(QueueItem::name).toList();
    }

    @Test
    void waitingGangsAreListedByPriorityThenAgeAsGangsWithTheirPosition() {
        queue("old", null, "alice", "a");
        queue("urgent", 500, "alice", "a");
        queue("young", null, "bob", "b");
        List<QueueItem> all = gangs.queued(GangTenancyContract.ADMIN);
        assertThat(names(all)).containsExactly("urgent", "old", "young");
        assertThat(all).allSatisfy(item -> {
            assertThat(item.kind()).isEqualTo("gang");
            assertThat(item.state()).isEqualTo("queued");
            assertThat(item.count()).isEqualTo(2);
            assertThat(item.id()).isEqualTo("gang:" + item.name());
        });
        assertThat(all.get(0).priority()).isEqualTo(500);
        assertThat(all.stream().map(QueueItem::position).toList()).containsExactly(1, 2, 3);
        // Another tenant's gangs are not listed; the positions stay those in the whole queue.
        List<QueueItem> ofB = gangs.queued(GangTenancyContract.OF_B);
        assertThat(names(ofB)).containsExactly("young");
        assertThat(ofB.get(0).position()).isEqualTo(3);
    }

    @Test
    void theDispatchTriesTheHighestPriorityFirst() {
        queue("old", null, "alice", "a");
        queue("urgent", 500, "alice", "a");
        gangs.dispatch();
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<PinRequest>> tried = ArgumentCaptor.forClass(List.class);
        // One try at create time each, then the dispatch's: its first try is the urgent gang, which blocks the rest.
        verify(scheduler, org.mockito.Mockito.times(3)).reserveGang(tried.capture(), any(), any());
        assertThat(tried.getAllValues().get(2).get(0).instance()).isEqualTo("urgent-0");
    }

    @Test
    void aWaitingGangIsCancelledByItsOwnerOrAnAdminAndIsThenGone() {
        queue("g1", null, "alice", "a");
        queue("g2", null, "alice", "a");
        assertThatThrownBy(() -> gangs.cancelQueued("g1", GangTenancyContract.OF_A, item -> false))
                .isInstanceOfSatisfying(AxionException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> gangs.cancelQueued("g1", GangTenancyContract.OF_B, item -> true))
                .isInstanceOf(NotFoundException.class);
        assertThat(names(gangs.queued(null))).containsExactly("g1", "g2");

        QueueItem cancelled = gangs.cancelQueued("g1", GangTenancyContract.OF_A, item -> true);
        assertThat(cancelled.name()).isEqualTo("g1");
        assertThat(rows.find("g1")).isEmpty();
        assertThat(names(gangs.queued(null))).containsExactly("g2");
        assertThat(gangs.queued(null).get(0).position()).isEqualTo(1);
    }

    @Test
    void aGangThatLeftTheQueueIsNotCancelledThere() {
        queue("g1", null, "alice", "a");
        rows.state("g1", GangStore.CREATING, "job-1", null);
        assertThat(gangs.queueItem("g1", null).state()).isEqualTo("started");
        assertThat(gangs.queueItem("g1", null).position()).isNull();
        assertThatThrownBy(() -> gangs.cancelQueued("g1", null, item -> true))
                .isInstanceOf(ConflictException.class);
        assertThat(rows.find("g1")).isPresent();
    }
}
