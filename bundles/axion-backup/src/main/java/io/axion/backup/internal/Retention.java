package io.axion.backup.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Keep-last / daily / weekly / monthly, as restic's {@code forget} counts them: the newest item of each of the last
 * N days (weeks, months) that have an item is kept; an item kept by one rule counts for the others too. Periods are
 * UTC. Items dated after {@code clock}'s now (a clock behind another node's) are always kept.
 */
record Retention(int keepLast, int keepDaily, int keepWeekly, int keepMonthly) {

    <T> Set<T> keep(List<T> items, Function<T, Instant> createdAt, Clock clock) {
        Instant now = clock.instant();
        List<T> newestFirst = new ArrayList<>(items);
        newestFirst.sort(Comparator.comparing(createdAt).reversed());
        Set<T> kept = new LinkedHashSet<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            T item = newestFirst.get(i);
            if (i < keepLast || createdAt.apply(item).isAfter(now)) {
                kept.add(item);
            }
        }
        keepNewestPerPeriod(newestFirst, createdAt, keepDaily, d -> d.toString(), kept);
        keepNewestPerPeriod(newestFirst, createdAt, keepWeekly,
                d -> d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), kept);
        keepNewestPerPeriod(newestFirst, createdAt, keepMonthly, d -> d.getYear() + "-" + d.getMonthValue(), kept);
        return kept;
    }

    private static <T> void keepNewestPerPeriod(List<T> newestFirst, Function<T, Instant> createdAt, int periods,
                                                Function<LocalDate, String> period, Set<T> kept) {
        Set<String> seen = new HashSet<>();
        for (T item : newestFirst) {
            if (seen.size() >= periods) {
                return;
            }
            if (seen.add(period.apply(LocalDate.ofInstant(createdAt.apply(item), ZoneOffset.UTC)))) {
                kept.add(item);
            }
        }
    }
}
