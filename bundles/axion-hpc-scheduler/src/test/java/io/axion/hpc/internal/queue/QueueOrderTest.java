package io.axion.hpc.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.QueuedCreate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueOrderTest {

    private static QueueEntry entry(String name, String owner, Integer priority, int second) {
        CreateInstance request = new CreateInstance(name, "img", 1, 64, null, null, null, null, null, null, null,
                true, priority, null, null);
        return new QueueEntry(name, owner, request, Instant.ofEpochSecond(second), 0, QueuedCreate.QUEUED, null, null);
    }

    private static List<String> names(List<QueueEntry> entries) {
        return entries.stream().map(QueueEntry::name).toList();
    }

    @Test
    void higherPriorityFirstThenAge() {
        assertThat(names(QueueOrder.of(List.of(entry("old", "a", null, 1), entry("urgent", "a", 500, 3),
                entry("young", "a", null, 2))))).containsExactly("urgent", "old", "young");
    }

    @Test
    void ownersTakeTurnsWithinAPriority() {
        List<QueueEntry> waiting = List.of(entry("a1", "alice", null, 1), entry("a2", "alice", null, 2),
                entry("a3", "alice", null, 3), entry("b1", "bob", null, 4), entry("c1", null, null, 5),
                entry("b2", "bob", null, 6));
        // Each owner's first before anyone's second; within a turn, by age.
        assertThat(names(QueueOrder.of(waiting))).containsExactly("a1", "b1", "c1", "a2", "b2", "a3");
    }

    @Test
    void turnsAreCountedPerPriority() {
        List<QueueEntry> waiting = List.of(entry("a-high", "alice", 10, 1), entry("a-low", "alice", null, 2),
                entry("b-low", "bob", null, 3));
        // alice's high-priority entry does not use up her turn among the low ones.
        assertThat(names(QueueOrder.of(waiting))).containsExactly("a-high", "a-low", "b-low");
    }
}
