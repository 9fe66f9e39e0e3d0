package io.axion.auth.internal;

import io.axion.api.error.TooManyRequestsException;
import io.axion.auth.internal.UserRecord.UserState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use WebSocket tickets, for browsers that cannot set a header on an upgrade. Kept in this node's memory:
 * a ticket must be redeemed on the node that issued it (a cluster behind a load balancer would need sticky
 * sessions or a Hazelcast map here).
 */
final class WsTickets {
    /** Outstanding tickets at most; beyond that, issuing answers 429 until some expire. */
    static final int MAX_OUTSTANDING = 10_000;

    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    WsTickets(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    record Ticket(String ticket, Instant expiresAt) {
    }

    private record Pending(UserState user, Instant expiresAt) {
    }

    Ticket issue(UserState user) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (pending.size() >= MAX_OUTSTANDING) {
            purgeExpired(now);
            if (pending.size() >= MAX_OUTSTANDING) {
                throw new TooManyRequestsException("Too many unused WebSocket tickets", ttl.toSeconds());
            }
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(ttl);
        pending.put(ticket, new Pending(user, expiresAt));
        return new Ticket(ticket, expiresAt);
    }

    /** The user a ticket was issued to, once: the ticket is gone afterwards, used or expired. */
    Optional<UserState> redeem(String ticket) {
        if (ticket == null || ticket.isEmpty()) {
            return Optional.empty();
        }
        Pending found = pending.remove(ticket);
        Instant now = clock.instant();
        if (pending.size() > 1_000) {
            purgeExpired(now);
        }
        if (found == null || !now.isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(found.user());
    }

    int outstanding() {
        return pending.size();
    }

    void purgeExpired(Instant now) {
        pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
    }
}
