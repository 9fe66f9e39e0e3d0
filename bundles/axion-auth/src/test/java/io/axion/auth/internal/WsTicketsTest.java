package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.TooManyRequestsException;
import io.axion.auth.internal.UserRecord.UserState;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WsTicketsTest {
    private final MutableClock clock = new MutableClock();
    private final WsTickets tickets = new WsTickets(clock, Duration.ofSeconds(30));
    private final UserState vera = new UserState("vera", "uid", "viewer", 0);

    @Test
    void aTicketIsRedeemedOnceWithinItsLifetime() {
        WsTickets.Ticket ticket = tickets.issue(vera);
        assertThat(ticket.expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(ticket.ticket()).matches("[A-Za-z0-9_-]{43}");
        assertThat(tickets.redeem(ticket.ticket())).contains(vera);
        assertThat(tickets.redeem(ticket.ticket())).isEmpty();
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
