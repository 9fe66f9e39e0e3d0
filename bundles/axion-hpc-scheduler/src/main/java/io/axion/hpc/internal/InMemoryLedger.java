package io.axion.hpc.internal;

import io.axion.hpc.internal.allocation.Holdings;
import io.axion.hpc.internal.allocation.Pin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

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
            keep(instance, pin);
            return pin;
        }
        return null;
    }

    @Override
    public synchronized List<Pin> reserveAll(List<String> instances,
                                             Function<Map<String, Holdings>, List<Pin>> plan) {
        Map<String, Holdings> held = new HashMap<>();
        for (String host : byHost.keySet()) {
            held.put(host, holdings(host));
        }
        List<Pin> pins = plan.apply(held);
        if (pins != null) {
            for (int i = 0; i < pins.size(); i++) {
                keep(instances.get(i), pins.get(i));
            }
        }
        return pins;
    }

    private void keep(String instance, Pin pin) {
        if (pin.dedicated()) {
            keep(new Reservation(instance, pin.host(), pin.cpus(), pin.gpus(), pin.numaNode()));
        } else if (!pin.gpus().isEmpty()) {
            keep(new Reservation(instance, pin.host(), List.of(), pin.gpus(), null));
        }
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
