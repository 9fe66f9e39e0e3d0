package io.axion.hpc.internal.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The order waiting creates (and, apart from them, waiting gangs) start in: higher priority first; within a
 * priority, fair share between owners (each owner's oldest entry before anyone's second, like Slurm's fair-share
 * factor reduced to turns); then age. The head blocks those behind it: nothing overtakes an entry that does not fit
 * yet, so a big request is not starved by a stream of small ones (no backfill).
 */
public final class QueueOrder {
    private static final Comparator<QueueEntry> ARRIVAL = Comparator.comparingLong(QueueEntry::seq)
            .thenComparing(QueueEntry::queuedAt)
            .thenComparing(QueueEntry::id);

    private QueueOrder() {
    }

    static List<QueueEntry> of(List<QueueEntry> waiting) {
        return of(waiting, QueueEntry::priority, QueueEntry::account, ARRIVAL);
    }

    /**
     * @param account the fair-share account of an entry (its owner; owner-less entries share {@code ""})
     * @param arrival oldest first
     */
    public static <T> List<T> of(List<T> waiting, ToIntFunction<T> priority, Function<T, String> account,
                                 Comparator<T> arrival) {
        List<T> byAge = new ArrayList<>(waiting);
        byAge.sort(arrival);
        Map<String, Integer> turns = new HashMap<>();
        Map<T, Integer> turn = new HashMap<>();
        for (T entry : byAge) {
            String key = priority.applyAsInt(entry) + "\u0000" + account.apply(entry);
            turn.put(entry, turns.merge(key, 1, Integer::sum));
        }
        byAge.sort(Comparator.comparingInt(priority).reversed()
                .thenComparing(turn::get)
                .thenComparing(arrival));
        return byAge;
    }
}
