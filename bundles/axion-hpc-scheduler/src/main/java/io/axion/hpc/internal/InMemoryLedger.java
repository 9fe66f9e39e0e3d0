package io.axion.hpc.internal;

import io.axion.hpc.internal.allocation.Holdings;
import io.axion.hpc.internal.allocation.Pin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** A ledger in memory, one lock for all: the benchmark's and the unit tests' stand-in for the store. */
public final class InMemoryLedger implements ReservationLedger {
    private final Map<String, Reservation> byInstance = new HashMap<>();
    private final Map<String, Map<String, Reservation>> byHost = new HashMap<>();

    @Override
    public synchronized Holdings holdings(String host) {
        Map<Integer, String> cpus = new HashMap<>();
        Map<String, String> gpus = new HashMap<>();
        for (Reservation r : byHost.getOrDefault(host, Map.of()).values()) {
            r.cpus().forEach(c -> cpus.put(c, r.instance()));
            r.gpus().forEach(g -> gpus.put(g, r.instance()));
        }
        return new Holdings(cpus, gpus);
    }

    @Override
    public synchronized Pin reserve(List<String> hosts, String instance, BiFunction<String, Holdings, Pin> choose) {
        for (String host : hosts) {
            Pin pin = choose.apply(host, holdings(host));
            if (pin == null) {
                continue;
            }
            if (pin.dedicated()) {
                keep(new Reservation(instance, host, pin.cpus(), pin.gpus(), pin.numaNode()));
            } else if (!pin.gpus().isEmpty()) {
                keep(new Reservation(instance, host, List.of(), pin.gpus(), null));
            }
            return pin;
        }
        return null;
    }

    private void keep(Reservation reservation) {
        byInstance.put(reservation.instance(), reservation);
        byHost.computeIfAbsent(reservation.host(), h -> new HashMap<>()).put(reservation.instance(), reservation);
    }

    @Override
    public synchronized void release(String instance) {
        Reservation gone = byInstance.remove(instance);
        if (gone != null) {
            byHost.get(gone.host()).remove(instance);
        }
    }

    @Override
    public synchronized List<Reservation> all() {
        return new ArrayList<>(byInstance.values());
    }
}
