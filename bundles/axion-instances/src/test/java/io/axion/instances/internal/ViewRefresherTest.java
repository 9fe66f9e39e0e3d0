package io.axion.instances.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reads after LXD's events: one per burst, and none when a job's own read came after the event. */
class ViewRefresherTest {
    private final FakeLxd lxd = new FakeLxd();
    private final Map<String, InstanceInfo> seen = new ConcurrentHashMap<>();
    private final ViewRefresher refresher = new ViewRefresher("h1", lxd, new ViewRefresher.Sink() {
        @Override
        public void put(InstanceInfo info, long stamp) {
            seen.put(info.name(), info);
        }

        @Override
        public void remove(String name, long stamp) {
            seen.remove(name);
        }

        @Override
        public void replaceAll(List<InstanceInfo> all, long stamp) {
        }

        @Override
        public boolean listed() {
            return true;
        }
    }, new Stamps(), name -> { }, 500);

    @AfterEach
    void close() {
        refresher.close();
    }

    @Test
    void aBurstOfEventsAboutOneInstanceCostsOneRead() throws Exception {
        lxd.add("web", InstanceStatus.RUNNING, 1, 64L);
        refresher.onEvent(event("instance-created", "web"));
        refresher.onEvent(event("instance-started", "web"));
        refresher.onEvent(event("instance-updated", "web"));

        settled();
        assertThat(lxd.finds).hasValue(1);
        assertThat(seen).containsKey("web");
    }

    @Test
    void anEventThatAJobsLaterReadAlreadySawIsNotReadAgain() throws Exception {
        lxd.add("web", InstanceStatus.RUNNING, 1, 64L);
        refresher.onEvent(event("instance-started", "web"));
        refresher.refreshNow("web");

        settled();
        assertThat(lxd.finds).hasValue(1);
    }

    @Test
    void anEventAfterTheJobsReadIsRead() throws Exception {
        lxd.add("web", InstanceStatus.RUNNING, 1, 64L);
        refresher.refreshNow("web");
        lxd.add("web", InstanceStatus.STOPPED, 1, 64L);
        refresher.onEvent(event("instance-stopped", "web"));

        settled();
        assertThat(lxd.finds).hasValue(2);
        assertThat(seen.get("web").status()).isEqualTo(InstanceStatus.STOPPED);
    }

    private void settled() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> refresher.pendingReads() == 0);
        refresher.awaitQueued();
    }

    private static LxdEvent event(String action, String instance) {
        return new LxdEvent(LxdEvent.Kind.LIFECYCLE, action, instance, "p", Instant.now());
    }
}
