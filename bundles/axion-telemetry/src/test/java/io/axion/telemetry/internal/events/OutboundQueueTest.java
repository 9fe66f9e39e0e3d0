package io.axion.telemetry.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    private static EventFrame telemetry(int seq) {
        return new EventFrame("telemetry", "t" + seq, true);
    }

    private static EventFrame job(int seq) {
        return new EventFrame("jobs", "j" + seq, false);
    }

    @Test
    void dropsTheOldestTelemetryWhenBehindButKeepsTheNewest() {
        OutboundQueue queue = new OutboundQueue(10, 2);
        assertThat(queue.offer(telemetry(1))).isEqualTo(OutboundQueue.Offer.QUEUED);
        assertThat(queue.offer(telemetry(2))).isEqualTo(OutboundQueue.Offer.QUEUED);
        assertThat(queue.offer(telemetry(3))).isEqualTo(OutboundQueue.Offer.QUEUED_DROPPING_OLDER);
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(queue.poll().text()).isEqualTo("t2");
        assertThat(queue.poll().text()).isEqualTo("t3");
        assertThat(queue.poll()).isNull();
    }

    @Test
    void neverDropsJobOrInstanceEventsAndOverflowsInstead() {
        OutboundQueue queue = new OutboundQueue(3, 1);
        for (int i = 1; i <= 3; i++) {
            assertThat(queue.offer(job(i))).isEqualTo(OutboundQueue.Offer.QUEUED);
        }
        assertThat(queue.offer(job(4))).isEqualTo(OutboundQueue.Offer.OVERFLOW);
        // Telemetry still has its own room.
        assertThat(queue.offer(telemetry(1))).isEqualTo(OutboundQueue.Offer.QUEUED);
        assertThat(queue.size()).isEqualTo(4);
        assertThat(queue.dropped()).isZero();
    }

    @Test
    void sendsEventsThatMustNotBeLostFirstInTheirOrder() {
        OutboundQueue queue = new OutboundQueue(10, 2);
        queue.offer(telemetry(1));
        queue.offer(job(1));
        queue.offer(new EventFrame("instances", "i1", false));
        queue.offer(job(2));
        assertThat(queue.poll().text()).isEqualTo("j1");
        assertThat(queue.poll().text()).isEqualTo("i1");
        assertThat(queue.poll().text()).isEqualTo("j2");
        assertThat(queue.poll().text()).isEqualTo("t1");
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void subscriptionsNameKnownChannelsOnly() {
        assertThat(Channels.fromMessage("{\"subscribe\": [\"telemetry\", \"jobs\", \"nope\"]}"))
                .contains(java.util.Set.of("telemetry", "jobs"));
        assertThat(Channels.fromMessage("{\"subscribe\": []}")).contains(java.util.Set.of());
        assertThat(Channels.fromMessage("hello")).isEmpty();
        assertThat(Channels.fromMessage("{\"other\": 1}")).isEmpty();
        assertThat(Channels.fromQuery(null)).containsExactlyInAnyOrder("telemetry", "jobs", "instances", "cluster");
        assertThat(Channels.fromQuery("jobs, instances")).containsExactlyInAnyOrder("jobs", "instances");
    }
}
