package io.axion.quota.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of the governor. An instance's allocation is, per quantity, the larger of what LXD gives it now
 * and its pending reservation (a reservation is the instance's whole new figure, not a difference). Summing that
 * over every name either side knows never undercounts: not while a create is queued (only the reservation knows
 * it), not while a resize is under way (LXD has the old figure), not while other members' views lag.
 */
final class Allocation {
    private Allocation() {
    }

    static Amounts total(Map<String, Amounts> actual, Map<String, Amounts> reserved) {
        Set<String> names = new HashSet<>(actual.keySet());
        names.addAll(reserved.keySet());
        Amounts total = Amounts.ZERO;
        for (String name : names) {
            total = total.plus(of(name, actual, reserved));
        }
        return total;
    }

    static Amounts of(String name, Map<String, Amounts> actual, Map<String, Amounts> reserved) {
        return actual.getOrDefault(name, Amounts.ZERO).max(reserved.getOrDefault(name, Amounts.ZERO));
    }

    /**
     * What the total would be with {@code request} as the instance's new reservation.
     */
    static Amounts totalWith(String name, Amounts request, Map<String, Amounts> actual,
                             Map<String, Amounts> reserved) {
        Amounts before = of(name, actual, reserved);
        Amounts after = actual.getOrDefault(name, Amounts.ZERO).max(request);
        Amounts total = total(actual, reserved);
        return new Amounts(total.cpu() - before.cpu() + after.cpu(),
                total.memoryMiB() - before.memoryMiB() + after.memoryMiB());
    }

    /** Null when {@code total} fits in {@code limit}; else a sentence naming what is short. */
    static String shortfall(Amounts total, Amounts limit) {
        StringBuilder detail = new StringBuilder();
        if (total.cpu() > limit.cpu()) {
            detail.append("cpu: ").append(total.cpu() - limit.cpu()).append(" core(s) short (")
                    .append(total.cpu()).append(" needed of a limit of ").append(limit.cpu()).append(")");
        }
        if (total.memoryMiB() > limit.memoryMiB()) {
            if (!detail.isEmpty()) {
                detail.append("; ");
            }
            detail.append("memoryMiB: ").append(total.memoryMiB() - limit.memoryMiB()).append(" MiB short (")
                    .append(total.memoryMiB()).append(" needed of a limit of ").append(limit.memoryMiB()).append(")");
        }
        return detail.isEmpty() ? null : detail.toString();
    }
}
