package io.axion.telemetry.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.event.AxionEvent;
import io.axion.api.event.EventChannels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantFramesTest {
    private static final Map<String, String> TENANTS = Map.of("a-web", "a", "b-web", "b");

    private static TenantFrames frames(AxionEvent event) throws Exception {
        return new TenantFrames(event, EventFrame.of(event), name -> Optional.ofNullable(TENANTS.get(name)));
    }

    @Test
    void instanceEventsGoToTheirTenantOnlyAndToClientsThatSeeEverything() throws Exception {
        TenantFrames b = frames(new AxionEvent(EventChannels.INSTANCES, "changed",
                Map.of("name", "b-web", "tenant", "b"), Instant.EPOCH));
        assertThat(b.forTenant("a")).isEmpty();
        assertThat(b.forTenant("b")).isPresent();
        assertThat(b.forTenant(null)).isPresent();
        TenantFrames old = frames(new AxionEvent(EventChannels.INSTANCES, "changed", Map.of("name", "x"),
                Instant.EPOCH));
        assertThat(old.forTenant("default")).isPresent();
        assertThat(old.forTenant("a")).isEmpty();
    }

    @Test
    void jobEventsFollowTheirInstanceAndThoseOfUnknownInstancesGoToNoTenant() throws Exception {
        TenantFrames job = frames(new AxionEvent(EventChannels.JOBS, "completed",
                Map.of("id", "1", "instance", "a-web"), Instant.EPOCH));
        assertThat(job.forTenant("a")).isPresent();
        assertThat(job.forTenant("b")).isEmpty();
        TenantFrames unknown = frames(new AxionEvent(EventChannels.JOBS, "queued",
                Map.of("id", "2", "instance", "gone"), Instant.EPOCH));
        assertThat(unknown.forTenant("a")).isEmpty();
        assertThat(unknown.forTenant(null)).isPresent();
    }

    @Test
    void telemetryFramesCarryOnlyTheTenantsInstances() throws Exception {
        TenantFrames usage = frames(new AxionEvent(EventChannels.TELEMETRY, "usage", Map.of("host", "h1",
                "instances", List.of(Map.of("name", "a-web", "cpuPercent", 1), Map.of("name", "b-web",
                        "cpuPercent", 2))), Instant.EPOCH));
        String forA = usage.forTenant("a").orElseThrow().text();
        assertThat(forA).contains("a-web").doesNotContain("b-web");
        assertThat(usage.forTenant(null).orElseThrow().text()).contains("a-web", "b-web");
    }
}
