package io.axion.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.host.HostCapacity;
import io.axion.api.placement.HostCandidate;
import io.axion.api.placement.Placement;
import io.axion.api.placement.PlacementRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MostFreeCapacityPlacementTest {
    private final MostFreeCapacityPlacement policy = new MostFreeCapacityPlacement();
    private final PlacementRequest twoCores = new PlacementRequest("web", "alice", 2, 1024, null, null, null);

    @Test
    void theHostWithTheMostRoomLeftWins() {
        List<HostCandidate> hosts = List.of(
                candidate("busy", true, 8, 6, 16384, 1024),
                candidate("roomy", true, 8, 2, 16384, 8192),
                candidate("memory-starved", true, 8, 0, 16384, 15360));
        assertThat(policy.place(twoCores, hosts)).map(Placement::host).contains("roomy");
    }

    @Test
    void offlineOrFullHostsAreNeverChosen() {
        List<HostCandidate> hosts = List.of(candidate("down", false, 64, 0, 65536, 0),
                candidate("full", true, 2, 1, 4096, 0));
        assertThat(policy.place(twoCores, hosts)).isEmpty();
    }

    @Test
    void tiesAreBrokenTheSameWayEverywhereAndSpreadByName() {
        List<HostCandidate> hosts = List.of(candidate("c", true, 4, 0, 4096, 0), candidate("b", true, 4, 0, 4096, 0),
                candidate("a", true, 4, 0, 4096, 0), candidate("busy", true, 4, 1, 4096, 0));
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            PlacementRequest request = new PlacementRequest("race-" + i, "alice", 2, 1024, null, null, null);
            String host = policy.place(request, hosts).orElseThrow().host();
            List<HostCandidate> reversed = new ArrayList<>(hosts);
            Collections.reverse(reversed);
            assertThat(policy.place(request, reversed)).map(Placement::host).contains(host);
            chosen.add(host);
        }
        assertThat(chosen).containsExactlyInAnyOrder("a", "b", "c");
    }

    private static HostCandidate candidate(String name, boolean online, long cpu, long cpuUsed, long memory,
                                           long memoryUsed) {
        return new HostCandidate(name, online, new HostCapacity(cpu, memory, 0),
                new HostCapacity(cpuUsed, memoryUsed, 0));
    }
}
