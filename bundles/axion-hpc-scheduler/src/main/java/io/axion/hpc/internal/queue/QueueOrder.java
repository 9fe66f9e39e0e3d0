package io.axion.hpc.internal.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order waiting creates start in: higher priority first; within a priority, fair share between owners (each
 * owner's oldest entry before anyone's second, like Slurm's fair-share factor reduced to turns); then age. The head
 * blocks those behind it: nothing overtakes an entry that does not fit yet, so a big request is not starved by a
 * stream of small ones (no backfill).
 */
final class QueueOrder {
    private static final Comparator<QueueEntry> ARRIVAL = Comparator.comparingLong(QueueEntry::seq)
            .thenComparing(QueueEntry::queuedAt)
            .thenComparing(QueueEntry::id);

    private QueueOrder() {
    }

    static List<QueueEntry> of(List<QueueEntry> waiting) {
        List<QueueEntry> byAge = new ArrayList<>(waiting);
        byAge.sort(ARRIVAL);
        Map<String, Integer> turns = new HashMap<>();
        Map<QueueEntry, Integer> turn = new HashMap<>();
        for (QueueEntry entry : byAge) {
            String key = entry.priority() + "\u0000" + entry.account();
            turn.put(entry, turns.merge(key, 1, Integer::sum));
        }
        byAge.sort(Comparator.comparingInt(QueueEntry::priority).reversed()
                .thenComparing(turn::get)
                .thenComparing(ARRIVAL));
        return byAge;
    }
}
