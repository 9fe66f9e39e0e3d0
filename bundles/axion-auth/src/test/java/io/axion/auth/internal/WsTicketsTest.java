package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.TooManyRequestsException;
import io.axion.auth.internal.UserRecord.UserState;
import io.axion.testing.MutableClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

class WsTicketsTest {
    private final MutableClock clock = new MutableClock();
    private final ConcurrentMap<String, String> shared = new ConcurrentHashMap<>();
    private final WsTickets tickets = new WsTickets(shared, clock, Duration.ofSeconds(30));
    private final UserState vera = new UserState("vera", "uid", "viewer", 3);
    private final WsTickets.Holder veraHolds = new WsTickets.Holder("vera", "uid", 3);

    @Test
    void aTicketIsRedeemedOnceWithinItsLifetime() {
        WsTickets.Ticket ticket = tickets.issue(vera);
        assertThat(ticket.expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(ticket.ticket()).matches("[A-Za-z0-9_-]{43}");
        assertThat(tickets.redeem(ticket.ticket())).contains(veraHolds);
        assertThat(tickets.redeem(ticket.ticket())).isEmpty();
    }

    @Test
    void aTicketIssuedByOneNodeIsRedeemedOnceOnAnother() {
        WsTickets otherNode = new WsTickets(shared, clock, Duration.ofSeconds(30));
        WsTickets.Ticket ticket = tickets.issue(vera);
        assertThat(otherNode.redeem(ticket.ticket())).contains(veraHolds);
        assertThat(tickets.redeem(ticket.ticket())).isEmpty();
        assertThat(shared).isEmpty();
    }

    @Test
    void anExpiredTicketIsRefusedAndForgotten() {
        WsTickets.Ticket ticket = tickets.issue(vera);
        clock.advance(Duration.ofSeconds(30));
        assertThat(tickets.redeem(ticket.ticket())).isEmpty();
        assertThat(tickets.outstanding()).isZero();
    }

    @Test
    void ticketsAreUnpredictable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(tickets.issue(vera).ticket());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void outstandingTicketsAreBounded() {
        for (int i = 0; i < WsTickets.MAX_OUTSTANDING; i++) {
            tickets.issue(vera);
        }
        assertThatThrownBy(() -> tickets.issue(vera)).isInstanceOf(TooManyRequestsException.class);
        clock.advance(Duration.ofSeconds(31));
        assertThat(tickets.issue(vera)).isNotNull();
        assertThat(tickets.outstanding()).isEqualTo(1);
    }
}
