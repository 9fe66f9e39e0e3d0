package io.axion.hpc.internal;

import io.axion.hpc.internal.allocation.Holdings;
import io.axion.hpc.internal.allocation.Pin;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Where pins are kept: the store (cluster-wide, across restarts), or memory for benchmarks and tests. */
public interface ReservationLedger {

    /** A held pin. */
    record Reservation(String instance, String host, List<Integer> cpus, List<String> gpus, Integer numaNode) {
    }

    Holdings holdings(String host);

    /**
     * Atomically, cluster-wide: reads the holdings of {@code hosts}, lets {@code choose} try them in order, and keeps
     * the first pin it gives. One transaction for all hosts, so a full cluster costs one lock, not one per host.
     *
     * @return the kept pin, or null when {@code choose} found none on any host
     */
    Pin reserve(List<String> hosts, String instance, BiFunction<String, Holdings, Pin> choose);

    /**
     * Atomically, cluster-wide, all or nothing: reads the holdings of every host, lets {@code plan} choose a pin for
     * each instance of a gang, and keeps them all in the same transaction; keeps none when {@code plan} gives null.
     *
     * @param plan from the holdings by host (hosts holding nothing are absent) to one pin per instance, in order, or
     *             null when they do not all fit
     * @return the kept pins, or null when nothing was kept
     */
    List<Pin> reserveAll(List<String> instances, Function<Map<String, Holdings>, List<Pin>> plan);

    void release(String instance);

    List<Reservation> all();

    default Map<String, Holdings> holdingsByHost(List<String> hosts) {
        return hosts.stream().collect(java.util.stream.Collectors.toMap(h -> h, this::holdings));
    }
}
