package io.axion.instances.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.instance.Instance;
import io.axion.api.instance.PortForward;
import io.axion.api.instance.Usage;
import java.time.Instant;
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
    void aChangeOfUsageOrOfTheViewIsWrittenAgain() throws Exception {
        SerializedInstances before = cache.serialized(List.of(web(new Usage(12.5, 1024))));
        SerializedInstances busier = cache.serialized(List.of(web(new Usage(80, 2048))));
        assertNotSame(before, busier);
        assertEquals(80.0, new ObjectMapper().readTree(busier.json()).get(0).path("usage").path("cpuPercent")
                .asDouble());
        SerializedInstances none = cache.serialized(List.of());
        assertArrayEquals("[]".getBytes(), none.json());
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
