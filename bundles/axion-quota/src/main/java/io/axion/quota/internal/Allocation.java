package io.axion.quota.internal;

import java.util.HashMap;
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
                total.memoryMiB() - before.memoryMiB() + after.memoryMiB(),
                total.diskGiB() - before.diskGiB() + after.diskGiB());
    }

    /**
     * What each host holds: an instance counts on its host with the larger of its figures and its reservation;
     * while it moves (its reservation names another host) it counts on both.
     */
    static Map<String, Amounts> perHost(Map<String, Placed> actual, Map<String, Placed> reserved) {
        Map<String, Amounts> hosts = new HashMap<>();
        Set<String> names = new HashSet<>(actual.keySet());
        names.addAll(reserved.keySet());
        for (String name : names) {
            Placed is = actual.get(name);
            Placed held = reserved.get(name);
            if (held != null && held.host() == null) {
                held = is == null ? null : new Placed(is.host(), held.amounts());
            }
            if (is != null && held != null && held.host().equals(is.host())) {
                hosts.merge(is.host(), is.amounts().max(held.amounts()), Amounts::plus);
                continue;
            }
            if (is != null && is.host() != null) {
                hosts.merge(is.host(), is.amounts(), Amounts::plus);
            }
            if (held != null) {
                hosts.merge(held.host(), held.amounts(), Amounts::plus);
            }
        }
        return hosts;
    }

    static Map<String, Amounts> amounts(Map<String, Placed> placed) {
        Map<String, Amounts> amounts = new HashMap<>();
        placed.forEach((name, p) -> amounts.put(name, p.amounts()));
        return amounts;
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
