package io.axion.instances.internal;

import java.time.Clock;
import java.util.concurrent.ConcurrentMap;

/**
 * Names being created, claimed in a map every cluster member sees so that two creates of one name (on one member
 * or two) cannot both be accepted: the loser gets 409 before any job exists. A claim lives while its create job
 * runs; after success it lingers for a grace period, so members whose view has not caught up yet still refuse the
 * name. Values are {@code owner|expiresAtMillis}, with 0 for "until released".
 */
final class NameClaims {
    private final ConcurrentMap<String, String> claims;
    private final Clock clock;

    NameClaims(ConcurrentMap<String, String> claims, Clock clock) {
        this.claims = claims;
        this.clock = clock;
    }

    /** @return whether {@code owner} now holds the name */
    boolean claim(String name, String owner) {
        String mine = owner + "|0";
        while (true) {
            String held = claims.putIfAbsent(name, mine);
            if (held == null || held.equals(mine)) {
                return true;
            }
            if (!expired(held)) {
                return false;
            }
            claims.remove(name, held);
        }
    }

    boolean claimed(String name) {
        String held = claims.get(name);
        return held != null && !expired(held);
    }

    /** Hands a claim to a new owner (the request's token to its job's id, which survives a restart). */
    void transfer(String name, String from, String to) {
        claims.replace(name, from + "|0", to + "|0");
    }

    /** The create succeeded: keep the claim for {@code graceMillis} more. */
    void settle(String name, String owner, long graceMillis) {
        claims.replace(name, owner + "|0", owner + "|" + (clock.millis() + graceMillis));
    }

    /** The create failed or never was queued: the name is free again. */
    void release(String name, String owner) {
        claims.remove(name, owner + "|0");
    }

    private boolean expired(String value) {
        int bar = value.lastIndexOf('|');
        long expiresAt = bar < 0 ? 0 : parse(value.substring(bar + 1));
        return expiresAt != 0 && expiresAt <= clock.millis();
    }

    private static long parse(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 1; // unreadable: treat as long expired
        }
    }
}
