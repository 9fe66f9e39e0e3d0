package io.axion.network.internal;

import io.axion.api.lxd.InstanceCreation;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.InstanceState;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdForwards;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.ProxyForward;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/** Instances and their proxy devices in memory; adding a device takes a moment, as LXD's update does. */
final class FakeLxd implements LxdInstances, LxdForwards {
    final Map<String, List<ProxyForward>> forwards = new ConcurrentHashMap<>();

    void add(String name) {
        forwards.put(name, new CopyOnWriteArrayList<>());
    }

    private List<ProxyForward> of(String name) {
        List<ProxyForward> list = forwards.get(name);
        if (list == null) {
            throw new LxdNotFoundException("Instance", name);
        }
        return list;
    }

    @Override
    public List<InstanceInfo> list() {
        return forwards.keySet().stream().sorted().map(this::get).toList();
    }

    @Override
    public InstanceInfo get(String name) {
        return new InstanceInfo(name, InstanceStatus.RUNNING, "axion/busybox", null, null, null, Instant.EPOCH,
                "none", of(name), Map.of());
    }

    @Override
    public Optional<InstanceInfo> find(String name) {
        return forwards.containsKey(name) ? Optional.of(get(name)) : Optional.empty();
    }

    @Override
    public List<ProxyForward> list(String instance) {
        return List.copyOf(of(instance));
    }

    @Override
    public void add(String instance, ProxyForward forward) {
        List<ProxyForward> list = of(instance);
        if (list.stream().anyMatch(f -> f.hostPort() == forward.hostPort() && f.protocol() == forward.protocol())) {
            throw new LxdAlreadyExistsException("Forward", instance + ":" + forward.hostPort());
        }
        LockSupport.parkNanos(1_000_000);
        list.add(forward);
    }

    @Override
    public void remove(String instance, int hostPort) {
        of(instance).removeIf(f -> f.hostPort() == hostPort);
    }

    @Override
    public InstanceCreation create(InstanceSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void start(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(String name, boolean force, Duration gracefulTimeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void restart(String name, boolean force) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void freeze(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void unfreeze(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void updateLimits(String name, Integer cpu, Integer memoryMiB) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void patchConfig(String name, Map<String, String> changes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InstanceState state(String name) {
        throw new UnsupportedOperationException();
    }
}
