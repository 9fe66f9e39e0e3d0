package io.axion.hpc.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ConflictException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.QueuedCreate;
import io.axion.api.job.Job;
import io.axion.api.job.JobState;
import io.axion.api.quota.QuotaExceededException;
import io.axion.store.internal.SqliteStore;
import io.axion.testing.MutableClock;
import io.axion.testing.TempStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The queue over the real store (SQLite): order, strict head, failures leave, entries survive a new store. */
class QueueDispatcherTest {
    @RegisterExtension
    final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);

    private final Set<String> room = new HashSet<>();
    private final Set<String> taken = new HashSet<>();
    private final List<String> created = new ArrayList<>();

    private final Function<CreateInstance, Job> create = request -> {
        if (taken.contains(request.name())) {
            throw new ConflictException("already-exists", "Instance '" + request.name() + "' already exists");
        }
        if (!room.remove(request.name())) {
            throw new QuotaExceededException("No host has room for instance '" + request.name() + "'");
        }
        created.add(request.name());
        return new Job("job-" + request.name(), "instance.create", request.name(), JobState.PENDING, 0, 5, null,
                Instant.EPOCH, null, null, null, null, null, Map.of(), List.of());
    };

    private static CreateInstance request(String name, Integer priority) {
        return new CreateInstance(name, "img", 1, 64, null, null, null, null, "dedicated", null, null, true,
                priority, null, null);
    }

    @Test
    void startsInOrderAndTheHeadBlocksThoseBehindIt() {
        QueueStore queue = new QueueStore(store.get(), Clock.systemUTC());
        QueueEntry first = queue.add(request("first", null), "alice");
        queue.add(request("second", null), "alice");
        QueueDispatcher dispatcher = new QueueDispatcher(queue, create);

        room.add("second");
        assertThat(dispatcher.dispatch()).isZero();
        assertThat(created).isEmpty();

        room.add("first");
        assertThat(dispatcher.dispatch()).isEqualTo(2);
        assertThat(created).containsExactly("first", "second");
        assertThat(queue.waiting()).isEmpty();
        QueueEntry started = queue.find(first.id()).orElseThrow();
        assertThat(started.state()).isEqualTo(QueuedCreate.STARTED);
        assertThat(started.jobId()).isEqualTo("job-first");
    }

    @Test
    void createsQueuedInTheSameMillisecondKeepTheirArrivalOrder() {
        QueueStore queue = new QueueStore(store.get(), Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"),
                java.time.ZoneOffset.UTC));
        List<String> names = List.of("a5", "a1", "a4", "a2", "a3", "a0");
        names.forEach(name -> queue.add(request(name, null), "alice"));

        assertThat(new QueueDispatcher(queue, create).ordered()).extracting(QueueEntry::name)
                .containsExactlyElementsOf(names);
    }

    @Test
    void anEntryThatCanNeverStartLeavesFailedWithoutBlocking() {
        QueueStore queue = new QueueStore(store.get(), Clock.systemUTC());
        QueueEntry gone = queue.add(request("gone", 5), "alice");
        queue.add(request("next", null), "bob");
        taken.add("gone");
        room.add("next");

        assertThat(new QueueDispatcher(queue, create).dispatch()).isEqualTo(1);
        QueueEntry failed = queue.find(gone.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(QueuedCreate.FAILED);
        assertThat(failed.reason()).contains("already exists");
        assertThat(created).containsExactly("next");
    }

    @Test
    void oneWaitingEntryPerNameAndTheQueueOutlivesItsStoreObject() {
        QueueStore queue = new QueueStore(store.get(), Clock.systemUTC());
        QueueEntry kept = queue.add(request("web", 7), "alice");
        assertThatThrownBy(() -> queue.add(request("web", null), "bob")).isInstanceOf(ConflictException.class);
        assertThat(queue.holds("web")).isTrue();

        QueueStore reopened = new QueueStore(store.get(), Clock.systemUTC());
        assertThat(reopened.waiting()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(kept.id());
            assertThat(e.owner()).isEqualTo("alice");
            assertThat(e.priority()).isEqualTo(7);
            assertThat(e.request().cpuPolicy()).isEqualTo("dedicated");
        });
        assertThat(reopened.cancel(kept.id())).isTrue();
        assertThat(reopened.cancel(kept.id())).isFalse();
        assertThat(reopened.holds("web")).isFalse();
    }

    @Test
    void leftEntriesArePurgedAfterADay() {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        MutableClock clock = new MutableClock(start);
        QueueStore queue = new QueueStore(store.get(), clock);
        QueueEntry entry = queue.add(request("web", null), "alice");
        room.add("web");
        new QueueDispatcher(queue, create).dispatch();

        clock.set(start.plus(QueueStore.KEPT_AFTER_LEAVING).minusSeconds(1));
        assertThat(queue.purge()).isZero();
        clock.set(start.plus(QueueStore.KEPT_AFTER_LEAVING).plusSeconds(1));
        assertThat(queue.purge()).isEqualTo(1);
        assertThat(queue.find(entry.id())).isEmpty();
    }
}
