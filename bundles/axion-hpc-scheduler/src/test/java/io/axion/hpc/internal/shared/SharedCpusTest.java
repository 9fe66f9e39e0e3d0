package io.axion.hpc.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import io.axion.hpc.internal.allocation.Holdings;
import io.axion.hpc.internal.topology.HostTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which CPUs shared instances get, and which of a host's instances a rewrite touches. */
class SharedCpusTest {
    private static final HostTopology TWO_CORES = HostTopology.synthetic("h1", 1, 2, 1, 0, 1L << 33);

    private static InstanceInfo instance(String name, Integer cpu, Map<String, String> config) {
        return new InstanceInfo(name, InstanceStatus.RUNNING, "axion/busybox", cpu, 64L, null, null, "none",
                List.of(), config);
    }

    @Test
    void thePoolIsWhatNoDedicatedInstanceHoldsOrEveryCpuWhenNoneIsLeft() {
        assertEquals(List.of(0, 1), SharedCpus.pool(TWO_CORES, Holdings.NONE));
        assertEquals(List.of(1), SharedCpus.pool(TWO_CORES, new Holdings(Map.of(0, "d"), Map.of())));
        assertEquals(List.of(0, 1), SharedCpus.pool(TWO_CORES, new Holdings(Map.of(0, "d", 1, "e"), Map.of())));
    }

    @Test
    void aLoneCpuIsWrittenAsARangeAndTheCountAsAnAllowance() {
        // "1" alone would be read by LXD as a count of one CPU, anywhere.
        assertEquals(Map.of("limits.cpu", "1-1", "limits.cpu.allowance", "100ms/100ms"),
                SharedCpus.config(List.of(1), 1));
        assertEquals("0-1", SharedCpus.config(List.of(0, 1), 2).get("limits.cpu"));
        assertEquals("200ms/100ms", SharedCpus.config(List.of(0, 1), 2).get("limits.cpu.allowance"));
    }

    @Test
    void onlySharedInstancesThatAreNotOnThePoolAreRewritten() {
        List<InstanceInfo> instances = List.of(
                instance("moved", 1, Map.of("user.axion.cpu-policy", "shared", "limits.cpu", "0-1",
                        "limits.cpu.allowance", "100ms/100ms")),
                instance("right", 1, Map.of("user.axion.cpu-policy", "shared", "limits.cpu", "1-1",
                        "limits.cpu.allowance", "100ms/100ms")),
                instance("oldCount", 2, Map.of("user.axion.cpu-policy", "shared", "limits.cpu", "2")),
                instance("pinned", 1, Map.of("user.axion.cpu-policy", "dedicated", "limits.cpu", "0-0")),
                instance("unlimited", null, Map.of("user.axion.cpu-policy", "shared")),
                instance("foreign", 1, Map.of("limits.cpu", "1")));
        Map<String, Map<String, String>> changes = SharedCpus.rewrites(instances, List.of(1));
        assertEquals(List.of("moved", "oldCount"), List.copyOf(changes.keySet()));
        assertEquals(Map.of("limits.cpu", "1-1", "limits.cpu.allowance", "200ms/100ms"), changes.get("oldCount"));
    }

    @Test
    void aSecondRewriteChangesNothing() {
        InstanceInfo before = instance("s", 1, Map.of("user.axion.cpu-policy", "shared", "limits.cpu", "1-1",
                "limits.cpu.allowance", "100ms/100ms"));
        Map<String, String> written = SharedCpus.rewrites(List.of(before), List.of(0, 1)).get("s");
        Map<String, String> config = new java.util.HashMap<>(before.config());
        config.putAll(written);
        InstanceInfo after = instance("s", 1, config);
        assertTrue(SharedCpus.rewrites(List.of(after), List.of(0, 1)).isEmpty());
    }
}
