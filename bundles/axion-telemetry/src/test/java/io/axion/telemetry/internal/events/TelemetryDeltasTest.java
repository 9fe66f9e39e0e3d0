package io.axion.telemetry.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventChannels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Telemetry deltas: what they hold, per audience, and how a client's queue and choice keep them applicable. */
class TelemetryDeltasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TENANTS = Map.of("a-web", "a", "a-db", "a", "b-web", "b");

    private static Map<String, Object> usage(String name, double cpu, long memory) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("name", name);
        usage.put("cpuPercent", cpu);
        usage.put("memoryBytes", memory);
        return usage;
    }

    private static Map<String, Object> frame(String host, long seq, List<Map<String, Object>> instances) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", "n1");
        data.put("host", host);
        data.put("seq", seq);
        data.put("instances", new ArrayList<Object>(instances));
        return data;
    }

    @Test
    void aDeltaHoldsOnlyWhatChangedOrIsNewAndNamesWhatIsGone() {
        TelemetryDeltas deltas = new TelemetryDeltas();
        assertThat(deltas.next(null, 1, frame("h1", 7, List.of(usage("web", 1.0, 10), usage("db", 0.0, 20))))
                .data()).as("nothing to be relative to").isNull();

        TelemetryDeltas.Delta second = deltas.next(null, 2, frame("h1", 8,
                List.of(usage("web", 1.0, 10), usage("new", 0.5, 5))));
        assertThat(second.baseId()).isEqualTo(1);
        assertThat(second.data()).containsEntry("delta", true).containsEntry("baseSeq", 7L).containsEntry("seq", 8L)
                .containsEntry("host", "h1").containsEntry("gone", List.of("db"));
        assertThat(second.data().get("instances")).isEqualTo(List.of(usage("new", 0.5, 5)));

        TelemetryDeltas.Delta third = deltas.next(null, 3, frame("h1", 9,
                List.of(usage("web", 2.0, 10), usage("new", 0.5, 5))));
        assertThat(third.data().get("instances")).isEqualTo(List.of(usage("web", 2.0, 10)));
        assertThat(third.data().get("gone")).isEqualTo(List.of());
    }

    @Test
    void hostsAndAudiencesFollowTheirOwnPreviousFrames() {
        TelemetryDeltas deltas = new TelemetryDeltas();
        deltas.next(null, 1, frame("h1", 1, List.of(usage("web", 1.0, 10))));
        assertThat(deltas.next(null, 2, frame("h2", 1, List.of(usage("x", 1.0, 10)))).data()).isNull();
        assertThat(deltas.next("a", 3, frame("h1", 2, List.of(usage("web", 1.0, 10)))).data()).isNull();
        assertThat(deltas.next(null, 3, frame("h1", 2, List.of(usage("web", 1.0, 10)))).baseId()).isEqualTo(1);
    }

    @Test
    void aTenantsDeltaNamesOnlyItsOwnInstancesEvenAsGone() throws Exception {
        TelemetryDeltas deltas = new TelemetryDeltas();
        Map<String, String> tenants = new java.util.HashMap<>(TENANTS);
        tenantFrames(deltas, 1, frame("h1", 1, List.of(usage("a-web", 1, 1), usage("a-db", 1, 1),
                usage("b-web", 1, 1))), tenants).forTenant("a");
        tenants.remove("a-db");
        tenants.remove("b-web");
        EventFrame second = tenantFrames(deltas, 2, frame("h1", 2, List.of(usage("a-web", 2, 1))), tenants)
                .forTenant("a").orElseThrow();
        JsonNode delta = JSON.readTree(second.sweep().delta().text()).path("data");
        assertThat(delta.path("instances").toString()).contains("a-web").doesNotContain("b-web");
        assertThat(delta.path("gone").toString()).isEqualTo("[\"a-db\"]");
        assertThat(second.sweep().baseId()).isEqualTo(1);
    }

    private static TenantFrames tenantFrames(TelemetryDeltas deltas, long id, Map<String, Object> data,
                                             Map<String, String> tenants) throws Exception {
        AxionEvent event = new AxionEvent(EventChannels.TELEMETRY, "usage", data, Instant.EPOCH);
        return new TenantFrames(event, EventFrame.of(event), name -> Optional.ofNullable(tenants.get(name)), deltas, id);
    }

    private static EventFrame sweep(String host, long id, long baseId) {
        EventFrame delta = new EventFrame("telemetry", "d" + id, true);
        return new EventFrame("telemetry", "f" + id, true, new EventFrame.Sweep(host, id, baseId, delta));
    }

    @Test
    void aDroppedFrameMakesTheNextOfItsHostGoOutInFull() {
        OutboundQueue queue = new OutboundQueue(10, 2);
        queue.offer(sweep("h1", 1, 0), true);
        queue.offer(sweep("h2", 2, 0), true);
        // h1's frame 1 is dropped: frame 3's delta is relative to it, so frame 3 goes in full.
        assertThat(queue.offer(sweep("h1", 3, 1), true)).isEqualTo(OutboundQueue.Offer.QUEUED_DROPPING_OLDER);
        assertThat(queue.poll().text()).isEqualTo("d2");
        assertThat(queue.poll().text()).isEqualTo("f3");
        assertThat(queue.poll()).isNull();
    }
}
