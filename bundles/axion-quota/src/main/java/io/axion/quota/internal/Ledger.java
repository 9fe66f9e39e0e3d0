package io.axion.quota.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * Pending reservations by instance, in a map every cluster member sees. A value is {@code cpu,memoryMiB,expiresAt}
 * (epoch millis; 0 while the job that holds it is unfinished). Changes are made under the governor's lock; reads
 * may happen any time.
 */
final class Ledger {
    private final ConcurrentMap<String, String> holds;
    private final Clock clock;

    Ledger(ConcurrentMap<String, String> holds, Clock clock) {
        this.holds = holds;
        this.clock = clock;
    }

    /** The reservations in force, expired ones dropped on the way. */
    Map<String, Amounts> current() {
        long now = clock.millis();
        Map<String, Amounts> live = new HashMap<>();
        for (Map.Entry<String, String> entry : holds.entrySet()) {
            Hold hold = Hold.parse(entry.getValue());
            if (hold == null || hold.expired(now)) {
                holds.remove(entry.getKey(), entry.getValue());
            } else {
                live.put(entry.getKey(), hold.amounts());
            }
        }
        return live;
    }

    /** @return the value it replaced, if any */
    Optional<String> put(String instance, Amounts amounts) {
        return Optional.ofNullable(holds.put(instance, new Hold(amounts, 0).format()));
    }

    String valueOf(Amounts amounts) {
        return new Hold(amounts, 0).format();
    }

    /** Undoes {@link #put} if nobody changed the entry since: restores the earlier value or removes it. */
    void undo(String instance, Amounts put, Optional<String> previous) {
        String mine = valueOf(put);
        if (previous.isPresent()) {
            holds.replace(instance, mine, previous.get());
        } else {
            holds.remove(instance, mine);
        }
    }

    void remove(String instance) {
        holds.remove(instance);
    }

    /** Keeps the reservation only for {@code graceMillis} more. */
    void expireAfter(String instance, long graceMillis) {
        String value = holds.get(instance);
        Hold hold = value == null ? null : Hold.parse(value);
        if (hold != null && hold.expiresAt() == 0) {
            holds.replace(instance, value, new Hold(hold.amounts(), clock.millis() + graceMillis).format());
        }
    }

    private record Hold(Amounts amounts, long expiresAt) {
        boolean expired(long now) {
            return expiresAt != 0 && expiresAt <= now;
        }

        String format() {
            return amounts.cpu() + "," + amounts.memoryMiB() + "," + expiresAt;
        }

        static Hold parse(String value) {
            String[] parts = value.split(",");
            if (parts.length != 3) {
                return null;
            }
            try {
                return new Hold(new Amounts(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                        Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
