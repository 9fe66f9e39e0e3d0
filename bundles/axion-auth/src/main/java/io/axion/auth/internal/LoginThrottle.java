package io.axion.auth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.axion.auth.internal.ThrottleCounters.Entry;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts consecutive failed logins per username and per client address. Past a few failures each further failure
 * is answered more slowly; past the limit the key is locked (429) for a while that doubles with each new lock.
 * A success clears both keys. The counters live in the store ({@link ThrottleCounters}), so a cluster throttles as
 * one: guessing through many nodes is no faster than through one.
 */
final class LoginThrottle {
    /** Keys remembered at most; beyond that, quiet ones are forgotten first. */
    static final int MAX_KEYS = 100_000;
    /** Failures this long (plus the longest lock) before the last one are forgotten. */
    static final Duration QUIET = Duration.ofHours(1);

    record Policy(int maxFailuresPerUser, int maxFailuresPerAddress, int slowdownAfter, Duration slowdownStep,
                  Duration slowdownMax, Duration lockout, Duration maxLockout) {
    }

    /** Failures between two sweeps of quiet keys. */
    private static final int SWEEP_EVERY = 100;

    private final Policy policy;
    private final Clock clock;
    private final ThrottleCounters entries;
    private final AtomicInteger failuresSinceSweep = new AtomicInteger();

    LoginThrottle(Policy policy, Clock clock, ThrottleCounters entries) {
        this.policy = policy;
        this.clock = clock;
        this.entries = entries;
    }

    /** How long the caller must still wait, when the username or the address is locked. */
    Optional<Duration> lockedFor(String username, String address) {
        Instant now = now();
        Duration longest = Duration.ZERO;
        for (String key : keys(username, address)) {
            Entry e = entries.get(key).orElse(null);
            if (e != null && e.lockedUntil() != null && now.isBefore(e.lockedUntil())) {
                Duration left = Duration.between(now, e.lockedUntil());
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** Counts a failure for both keys; returns how long to hold back the answer to it. */
    Duration failure(String username, String address) {
        Instant now = now();
        if (failuresSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            failuresSinceSweep.set(0);
            forgetQuiet(now);
        }
        String[] keys = keys(username, address);
        int reached = 0;
        for (int i = 0; i < keys.length; i++) {
            int limit = i == 0 ? policy.maxFailuresPerUser() : policy.maxFailuresPerAddress();
            Entry e = entries.update(keys[i], old -> next(old, limit, now));
            // A lock lowers the stored count below the limit; the delay follows the count this failure reached.
            reached = Math.max(reached, now.equals(e.lastLock()) ? limit : e.failures());
        }
        return delayAfter(reached);
    }

    void success(String username, String address) {
        entries.remove(keys(username, address));
    }

    int size() {
        return entries.size();
    }

    private Entry next(Entry old, int limit, Instant now) {
        if (old != null && isQuiet(old, now)) {
            old = null; // failures long ago are not "consecutive" with this one
        }
        int failures = (old == null ? 0 : old.failures()) + 1;
        int locks = old == null ? 0 : old.locks();
        Instant lockedUntil = old == null ? null : old.lockedUntil();
        Instant lastLock = old == null ? null : old.lastLock();
        if (failures >= limit) {
            // Each lock lasts twice the one before; the count stays just under the limit so that one more failure
            // after a lock runs out locks again at once.
            long seconds = policy.lockout().toSeconds() << Math.min(locks, 20);
            lockedUntil = now.plus(Duration.ofSeconds(Math.min(seconds, policy.maxLockout().toSeconds())));
            lastLock = now;
            locks++;
            failures = limit - 1;
        }
        return new Entry(failures, locks, lockedUntil, now, lastLock);
    }

    private Duration delayAfter(int failures) {
        int over = failures - policy.slowdownAfter() + 1;
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = policy.slowdownStep().multipliedBy(over);
        return delay.compareTo(policy.slowdownMax()) > 0 ? policy.slowdownMax() : delay;
    }

    private boolean isQuiet(Entry e, Instant now) {
        return e.lastFailure().isBefore(now.minus(policy.maxLockout()).minus(QUIET))
                && (e.lockedUntil() == null || !now.isBefore(e.lockedUntil()));
    }

    /** As {@link #isQuiet}, for every key at once. */
    void forgetQuiet(Instant now) {
        entries.forgetQuiet(now.minus(policy.maxLockout()).minus(QUIET), now);
        if (entries.size() >= MAX_KEYS) {
            // Still full (an attack with many names): keep only what is locked now.
            entries.forgetUnlocked(now);
        }
    }

    /** As stored: whole milliseconds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String[] keys(String username, String address) {
        String user = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (user.length() > 64) {
            user = user.substring(0, 64);
        }
        return new String[] {"user:" + user, "addr:" + (address == null ? "" : address)};
    }
}
