package io.axion.instances.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.instance.Instance;
import io.axion.api.instance.PortForward;
import io.axion.api.instance.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceListCacheTest {
    private static final Instant MADE = Instant.parse("2026-12-07T10:15:30.123Z");
    private final InstanceListCache cache = new InstanceListCache();

    private static Instance web(Usage usage) {
        return new Instance("web", "Running", "axion/busybox", 2, 512L, "h1", "node-a", MADE, usage,
                List.of(new PortForward(8080, 80, "tcp")));
    }

    @Test
    void theSameListGetsTheSameBytes() {
        SerializedInstances first = cache.serialized(List.of(web(new Usage(12.5, 1024))));
        SerializedInstances again = cache.serialized(List.of(web(new Usage(12.5, 1024))));
        assertSame(first, again);
    }

    @Test
    void aChangeOfTheViewIsWrittenBeforeAnswering() throws Exception {
        SerializedInstances before = cache.serialized(List.of(web(new Usage(12.5, 1024))));
        Instance stopped = new Instance("web", "Stopped", "axion/busybox", 2, 512L, "h1", "node-a", MADE,
                new Usage(12.5, 1024), List.of(new PortForward(8080, 80, "tcp")));
        SerializedInstances after = cache.serialized(List.of(stopped));
        assertNotSame(before, after);
        assertEquals("Stopped", new ObjectMapper().readTree(after.json()).get(0).path("status").asText());
        SerializedInstances none = cache.serialized(List.of());
        assertArrayEquals("[]".getBytes(), none.json());
    }

    @Test
    void aChangeOfUsageOnlyIsAnsweredWithThePreviousBytesWhileItIsWrittenOnceOffTheRequest() throws Exception {
        List<Runnable> pending = new ArrayList<>();
        InstanceListCache deferred = new InstanceListCache(pending::add);
        SerializedInstances before = deferred.serialized(List.of(web(new Usage(12.5, 1024))));
        for (int request = 0; request < 3; request++) {
            assertSame(before, deferred.serialized(List.of(web(new Usage(80, 2048)))));
        }
        assertEquals(1, pending.size(), "one rebuild, however many requests saw the sweep");
        pending.remove(0).run();
        SerializedInstances busier = deferred.serialized(List.of(web(new Usage(80, 2048))));
        assertNotSame(before, busier);
        assertEquals(80.0, new ObjectMapper().readTree(busier.json()).get(0).path("usage").path("cpuPercent")
                .asDouble());
        assertTrue(pending.isEmpty());
    }

    @Test
    void aRebuildOfOldUsageDoesNotReplaceAViewChangeWrittenMeanwhile() throws Exception {
        List<Runnable> pending = new ArrayList<>();
        InstanceListCache deferred = new InstanceListCache(pending::add);
        deferred.serialized(List.of(web(new Usage(12.5, 1024))));
        deferred.serialized(List.of(web(new Usage(80, 2048))));
        SerializedInstances gone = deferred.serialized(List.of());
        pending.remove(0).run();
        assertSame(gone, deferred.serialized(List.of()));
    }

    @Test
    void usageAloneIsWhatSameButUsageIgnores() {
        assertTrue(InstanceListCache.sameButUsage(List.of(web(new Usage(1, 1))), List.of(web(new Usage(2, 2)))));
        assertFalse(InstanceListCache.sameButUsage(List.of(web(Usage.NONE)), List.of(web(Usage.NONE).withNode("b"))));
        assertFalse(InstanceListCache.sameButUsage(List.of(web(Usage.NONE)), List.of()));
    }

    @Test
    void theJsonIsTheListWithTimesAsRfc3339Text() throws Exception {
        Instance instance = web(new Usage(1.5, 4096));
        JsonNode json = new ObjectMapper().readTree(cache.serialized(List.of(instance)).json()).get(0);
        assertEquals("web", json.path("name").asText());
        assertEquals("2026-12-07T10:15:30.123Z", json.path("createdAt").asText());
        assertEquals(8080, json.path("forwards").get(0).path("hostPort").asInt());
        assertEquals(4096, json.path("usage").path("memoryBytes").asLong());
        assertEquals(List.of(instance), cache.serialized(List.of(instance)));
    }
}
