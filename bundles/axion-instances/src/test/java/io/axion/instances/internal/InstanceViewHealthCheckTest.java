package io.axion.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdUnreachableException;
import java.time.Duration;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class InstanceViewHealthCheckTest {

    @Test
    void notReadyFromAMissedEventUntilLxdIsListedAgain() {
        try (Fixture fixture = new Fixture(null)) {
            InstanceViewHealthCheck check = new InstanceViewHealthCheck(fixture.view);
            await().atMost(Duration.ofSeconds(5)).until(() -> check.execute().isOk());

            // LXD went away and came back: events were missed, and the listing fails at first.
            fixture.lxd.listFailure = new LxdUnreachableException("LXD is stopping", null);
            fixture.events.resync();
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.lxd.lists.get() >= 2);
            assertThat(check.execute().getStatus()).isEqualTo(Result.Status.CRITICAL);
            assertThat(check.execute().toString()).contains("listing");

            // Made while Axion was not listening; the stale view retries within seconds, not at its hourly reconcile.
            fixture.lxd.add("made-meanwhile", InstanceStatus.RUNNING, 1, 64L);
            fixture.lxd.listFailure = null;
            await().atMost(Duration.ofSeconds(10)).until(() -> check.execute().isOk());
            assertThat(fixture.view.find("made-meanwhile")).isPresent();
        }
    }
}
