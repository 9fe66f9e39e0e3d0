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

/**
 * Single-use WebSocket tickets, for browsers that cannot set a header on an upgrade. Kept in a map every node of the
 * cluster shares, so a ticket issued by one node opens a WebSocket on any other (no sticky sessions behind a load
 * balancer); taking it out of the map is atomic cluster-wide, so it is redeemed once. A ticket names its user's id
 * and token generation: redeeming it checks them against the user as they are then, like a token.
 */
final class WsTickets {
    /** Outstanding tickets at most; beyond that, issuing answers 429 until some expire. */
    static final int MAX_OUTSTANDING = 10_000;

    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> pending;

    WsTickets(Map<String, String> pending, Clock clock, Duration ttl) {
        this.pending = pending;
        this.clock = clock;
        this.ttl = ttl;
    }

    record Ticket(String ticket, Instant expiresAt) {
    }

    /** What the shared map keeps of a ticket: whose it is and until when (text, as the map holds strings). */
    private record Pending(String username, String userId, long tokenGeneration, Instant expiresAt) {
        static Pending of(UserState user, Instant expiresAt) {
            return new Pending(user.username(), user.userId(), user.tokenGeneration(), expiresAt);
        }

        static Pending parse(String stored) {
            String[] parts = stored.split("\n", 4);
            return new Pending(parts[0], parts[1], Long.parseLong(parts[2]), Instant.ofEpochMilli(Long.parseLong(
                    parts[3])));
        }

        String format() {
            return username + "\n" + userId + "\n" + tokenGeneration + "\n" + expiresAt.toEpochMilli();
        }
    }

    /** Whom a redeemed ticket was issued to; the caller checks the id and generation against the user today. */
    record Holder(String username, String userId, long tokenGeneration) {
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
        pending.put(ticket, Pending.of(user, expiresAt).format());
        return new Ticket(ticket, expiresAt);
    }

    /** The user a ticket was issued to, once: the ticket is gone afterwards, used or expired. */
    Optional<Holder> redeem(String ticket) {
        if (ticket == null || ticket.isEmpty() || ticket.length() > 100) {
            return Optional.empty();
        }
        String stored = pending.remove(ticket);
        if (stored == null) {
            return Optional.empty();
        }
        Pending found = Pending.parse(stored);
        if (!clock.instant().isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(new Holder(found.username(), found.userId(), found.tokenGeneration()));
    }

    int outstanding() {
        return pending.size();
    }

    void purgeExpired(Instant now) {
        for (Map.Entry<String, String> entry : pending.entrySet()) {
            if (!now.isBefore(Pending.parse(entry.getValue()).expiresAt())) {
                pending.remove(entry.getKey(), entry.getValue());
            }
        }
    }
}
